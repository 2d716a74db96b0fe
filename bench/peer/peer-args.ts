/** The command line of `npm run bench:peer` (scripts/compare-wrk.ts), parsed without side effects. */
import { parseArgs } from 'node:util';
import { UsageError } from '../run/errors.js';
import { defaultPeerOptions, WORKLOADS, type PeerOptions } from './compare-peers.js';

export interface PeerCliOptions extends PeerOptions {
  help: boolean;
  /** Parent folder of peer-<timestamp>/ (default: <package>/reports). */
  outDir?: string;
}

export const PEER_USAGE = `usage: npm run bench:peer -- [--runs N] [--duration S] [--connections N] [--warmup S] [--workloads LIST]
                             [--open-rates LIST] [--open-runs N] [--pacing] [--diagnose] [--out DIR]

Measures nginx (one process, an in-memory 200; Debian nginx-light) and the async noop and
sleep (${defaultPeerOptions.sleepMs} ms) servers with loopbench's closed drivers (loopbench: lean, the default;
loopbench-autocannon: --driver autocannon; nginx: lean only) and with wrk -t1, interleaved
(a fresh server per run), and prints each driver's ratio to wrk. Then loopbench's open model
at rising rates on nginx and noop: achieved rate, p50/p99, generator CPU per request, the
highest rate held within 1% with the generator under 90% of a core, p99 at R vs R/2.

  --runs N          runs per generator and workload (default ${defaultPeerOptions.runs})
  --duration S      measured seconds per run, whole seconds (default ${defaultPeerOptions.durationS})
  --connections N   connections for noop and for sleep (default ${defaultPeerOptions.connections})
  --warmup S        warm-up seconds before each run, by the same generator (default ${defaultPeerOptions.warmupS})
  --workloads LIST  servers, comma-separated, of ${WORKLOADS.join(', ')} (default: all)
  --open-rates LIST open model rates, requests/s, comma-separated, rising (default ${defaultPeerOptions.openRates.join(',')});
                    'none' skips the open model; it runs on nginx and noop (those in --workloads)
  --open-runs N     open model runs per server and rate (default ${defaultPeerOptions.openRuns})
  --pacing          also measure the open model's pacing trade-off: the lowest and highest
                    rate with polling budgets 0, 15% and 30% of wall time (the default:
                    15% below ~1,000/s, 0 above)
  --diagnose        also run diagnostic variants on noop (loopbench-autocannon without body checks,
                    bare autocannon with and without setupRequest, wrk without Lua) to
                    price each cost of the closed driver
  --out DIR         reports folder (default: reports): writes DIR/peer-<timestamp>/peer.json
  -h, --help        this text
`;

function wholeNumber(flag: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`${flag} needs a whole number, got '${text}'`);
  const value = Number(text);
  if (value < min || value > max) throw new UsageError(`${flag} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function workloadsAndRates(workloadsText: string | undefined, ratesText: string | undefined): Pick<PeerOptions, 'workloads' | 'openRates' | 'openWorkloads'> {
  const workloads = workloadsText === undefined ? defaultPeerOptions.workloads : workloadsText.split(',').map((w) => w.trim());
  for (const w of workloads) {
    if (!(WORKLOADS as readonly string[]).includes(w)) throw new UsageError(`--workloads: unknown '${w}'; allowed: ${WORKLOADS.join(', ')}`);
  }
  if (workloads.length === 0 || new Set(workloads).size !== workloads.length) throw new UsageError(`--workloads needs distinct names of ${WORKLOADS.join(', ')}`);
  let openRates = defaultPeerOptions.openRates;
  if (ratesText !== undefined) {
    openRates = ratesText.trim() === 'none' ? [] : ratesText.split(',').map((r) => wholeNumber('--open-rates', r.trim(), 0, 1, 1_000_000));
  }
  return { workloads, openRates, openWorkloads: workloads.filter((w) => w === 'nginx' || w === 'noop') };
}

export function parsePeerArgs(argv: readonly string[]): PeerCliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        runs: { type: 'string' },
        duration: { type: 'string' },
        connections: { type: 'string' },
        warmup: { type: 'string' },
        diagnose: { type: 'boolean' },
        workloads: { type: 'string' },
        'open-rates': { type: 'string' },
        'open-runs': { type: 'string' },
        pacing: { type: 'boolean' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${PEER_USAGE}`);
  }
  return {
    ...defaultPeerOptions,
    help: values.help ?? false,
    runs: wholeNumber('--runs', values.runs, defaultPeerOptions.runs, 1, 100),
    durationS: wholeNumber('--duration', values.duration, defaultPeerOptions.durationS, 1, 3600),
    connections: wholeNumber('--connections', values.connections, defaultPeerOptions.connections, 1, 10_000),
    warmupS: wholeNumber('--warmup', values.warmup, defaultPeerOptions.warmupS, 0, 600),
    diagnose: values.diagnose ?? false,
    ...workloadsAndRates(values.workloads, values['open-rates']),
    pacing: values.pacing ?? false,
    openRuns: wholeNumber('--open-runs', values['open-runs'], defaultPeerOptions.openRuns, 1, 100),
    ...(values.out !== undefined ? { outDir: values.out } : {}),
  };
}
