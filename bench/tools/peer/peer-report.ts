/** The peer report as written to peer.json: the options, the machine, the fairness notes, every run and the comparisons. */
import { machineFacts } from '../../machine.js';
import type { MachineFacts } from '../../types.js';
import type { OpenLadderReport } from './open-ladder.js';
import { compareWorkload, type WorkloadComparison } from './peer-comparison.js';
import type { PeerOptions } from './peer-options.js';
import type { PeerRun } from './peer-run.js';

export interface PeerReport {
  schema: 'loopbench-peer/1';
  createdAt: string;
  machine: MachineFacts;
  wrk: { path: string; version: string };
  options: PeerOptions & { strategy: 'async'; host: '127.0.0.1'; wrkThreads: 1 };
  notes: string[];
  interrupted: boolean;
  runs: PeerRun[];
  workloads: WorkloadComparison[];
  /** The open model at rising rates (bench/tools/peer/open-ladder.ts). */
  open?: OpenLadderReport;
}

export const FAIRNESS_NOTES = [
  'Every generator runs on one thread: wrk -t1, and loopbench\'s drivers (lean on node:net, the default; or autocannon) in loopbench\'s own process (no workers).',
  'Both keep C connections open (keep-alive), send the next request when the last answered, and give every request a fresh ?id=N (wrk through a Lua request(), which takes it off its prebuilt-request fast path).',
  'loopbench checks every body (lean: compared with the exact expected body, the full JSON check only on a mismatch; autocannon: JSON, workload, id, value); wrk does not read bodies (each run\'s server is validated with one request first).',
  'Both time a request from its write to the end of its answer; wrk in exact µs, loopbench in a µs HDR histogram (3 significant digits).',
  'This machine has 2 cores shared by the generator and the server: a generator that spends more CPU per request leaves less for the server, so on noop requests/s measures generator + server together.',
  'Generator CPU: wrk\'s from its own /proc/self/stat (utime+stime, read in its Lua done() hook after its threads joined); loopbench\'s from process.cpuUsage() around the load call.',
  'Other processes on the machine add noise; each run records the 1-min load average before it.',
  'nginx (Debian nginx-light) runs as one process (master_process off, one worker), access log off, an in-memory `return 200` of a fixed body, keep-alive without a request limit; loopbench checks that body exactly, wrk reads none.',
  'Open model: loopbench\'s open-model driver (lean, one thread), uniform arrivals, at most 256 connections, a warm-up at the same rate first; latency from the intended send time (p50/p99 corrected). A rate is held when the right answers per second reach 99% of it with no failed request and the generator under 90% of a core. Generator CPU per request includes the kernel\'s work on its sends and reads, which costs more per request when the server idles between requests (a wake-up each) than under a saturating closed load.',
];

export function buildReport(runs: PeerRun[], options: PeerOptions, wrk: { path: string; version: string }, interrupted: boolean): PeerReport {
  return {
    schema: 'loopbench-peer/1',
    createdAt: new Date().toISOString(),
    machine: machineFacts(),
    wrk,
    options: { ...options, strategy: 'async', host: '127.0.0.1', wrkThreads: 1 },
    notes: FAIRNESS_NOTES,
    interrupted,
    runs,
    workloads: options.workloads.map((w) => compareWorkload(w, runs, options)),
  };
}
