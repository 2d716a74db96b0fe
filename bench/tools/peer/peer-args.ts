/** The command line of `npm run bench:peer` (scripts/compare-wrk.ts), declared once and parsed without side effects. */
import { defineCommand, parseFlags, usage } from '../../cli-kit/command.js';
import { customFlag, numberFlag, parseNumber, switchFlag, textFlag } from '../../cli-kit/flags.js';
import { UsageError } from '../../errors.js';
import { defaultPeerOptions, WORKLOADS, type PeerOptions } from './compare-peers.js';

export interface PeerCliOptions extends PeerOptions {
  help: boolean;
  /** Parent folder of peer-<timestamp>/ (default: <package>/reports). */
  outDir?: string;
}

function parseWorkloads(text: string): string[] {
  const workloads = text.split(',').map((w) => w.trim());
  for (const w of workloads) {
    if (!(WORKLOADS as readonly string[]).includes(w)) throw new UsageError(`--workloads: unknown '${w}'; allowed: ${WORKLOADS.join(', ')}`);
  }
  if (workloads.length === 0 || new Set(workloads).size !== workloads.length) throw new UsageError(`--workloads needs distinct names of ${WORKLOADS.join(', ')}`);
  return workloads;
}

function parseRates(text: string): number[] {
  return text.trim() === 'none' ? [] : text.split(',').map((r) => parseNumber('--open-rates', r.trim(), { kind: 'whole', min: 1, max: 1_000_000 }));
}

const d = defaultPeerOptions;

export const peerCommand = defineCommand({
  synopsis: 'npm run bench:peer -- [options]',
  intro: `Measures nginx (one process, an in-memory 200; Debian nginx-light) and the async noop and
sleep (${d.sleepMs} ms) servers with loopbench's closed drivers (loopbench: lean, the default;
loopbench-autocannon: --driver autocannon; nginx: lean only) and with wrk -t1, interleaved
(a fresh server per run), and prints each driver's ratio to wrk. Then loopbench's open model
at rising rates on nginx and noop: achieved rate, p50/p99, generator CPU per request, the
highest rate held within 1% with the generator under 90% of a core, p99 at R vs R/2.`,
  helpColumn: 20,
  flags: {
    runs: numberFlag({ name: 'runs', metavar: 'N', help: `runs per generator and workload (default ${d.runs})`, kind: 'whole', min: 1, max: 100, default: d.runs }),
    duration: numberFlag({ name: 'duration', metavar: 'S', help: `measured seconds per run, whole seconds (default ${d.durationS})`, kind: 'whole', min: 1, max: 3600, default: d.durationS }),
    connections: numberFlag({ name: 'connections', metavar: 'N', help: `connections for noop and for sleep (default ${d.connections})`, kind: 'whole', min: 1, max: 10_000, default: d.connections }),
    warmup: numberFlag({ name: 'warmup', metavar: 'S', help: `warm-up seconds before each run, by the same generator (default ${d.warmupS})`, kind: 'whole', min: 0, max: 600, default: d.warmupS }),
    workloads: customFlag({ name: 'workloads', metavar: 'LIST', help: `servers, comma-separated, of ${WORKLOADS.join(', ')} (default: all)`, parse: parseWorkloads, default: d.workloads }),
    openRates: customFlag({
      name: 'open-rates',
      metavar: 'LIST',
      help: `open model rates, requests/s, comma-separated, rising (default ${d.openRates.join(',')});\n'none' skips the open model; it runs on nginx and noop (those in --workloads)`,
      parse: parseRates,
      default: d.openRates,
    }),
    openRuns: numberFlag({ name: 'open-runs', metavar: 'N', help: `open model runs per server and rate (default ${d.openRuns})`, kind: 'whole', min: 1, max: 100, default: d.openRuns }),
    pacing: switchFlag(
      'pacing',
      "also measure the open model's pacing trade-off: the lowest and highest\nrate with polling budgets 0, 15% and 30% of wall time (the default:\n15% below ~1,000/s, 0 above)",
    ),
    diagnose: switchFlag(
      'diagnose',
      'also run diagnostic variants on noop (loopbench-autocannon without body checks,\nbare autocannon with and without setupRequest, wrk without Lua) to\nprice each cost of the closed driver',
    ),
    out: textFlag({ name: 'out', metavar: 'DIR', help: 'reports folder (default: reports): writes DIR/peer-<timestamp>/peer.json' }),
  },
});

export const PEER_USAGE = usage(peerCommand);

export function parsePeerArgs(argv: readonly string[]): PeerCliOptions {
  const parsed = parseFlags(peerCommand, argv);
  if (parsed.help) return { ...defaultPeerOptions, help: true };
  const { duration, warmup, out, ...v } = parsed.values;
  return {
    ...defaultPeerOptions,
    ...v,
    help: false,
    durationS: duration,
    warmupS: warmup,
    openWorkloads: v.workloads.filter((w) => w === 'nginx' || w === 'noop'),
    ...(out !== undefined ? { outDir: out } : {}),
  };
}
