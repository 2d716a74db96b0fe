/** The command line of `npm run bench:peer` (scripts/compare-wrk.ts), parsed without side effects. */
import { parseArgs } from 'node:util';
import { UsageError } from '../run/errors.js';
import { defaultPeerOptions, type PeerOptions } from './compare-peers.js';

export interface PeerCliOptions extends PeerOptions {
  help: boolean;
  /** Parent folder of peer-<timestamp>/ (default: <package>/reports). */
  outDir?: string;
}

export const PEER_USAGE = `usage: npm run bench:peer -- [--runs N] [--duration S] [--connections N] [--warmup S] [--diagnose] [--out DIR]

Measures the same async noop and sleep (${defaultPeerOptions.sleepMs} ms) servers with loopbench's closed drivers
(loopbench: lean, the default; loopbench-autocannon: --driver autocannon) and with wrk -t1,
interleaved (a fresh server per run), and prints each driver's ratio to wrk.

  --runs N          runs per generator and workload (default ${defaultPeerOptions.runs})
  --duration S      measured seconds per run, whole seconds (default ${defaultPeerOptions.durationS})
  --connections N   connections for noop and for sleep (default ${defaultPeerOptions.connections})
  --warmup S        warm-up seconds before each run, by the same generator (default ${defaultPeerOptions.warmupS})
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
    ...(values.out !== undefined ? { outDir: values.out } : {}),
  };
}
