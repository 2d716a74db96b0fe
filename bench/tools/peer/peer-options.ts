/** What `npm run bench:peer` measures: the options, their defaults, the servers it knows. */
import type { WorkloadParams } from '../../../servers/workloads/types.js';
import { NGINX_WORKLOAD } from './generators.js';

export interface PeerOptions {
  runs: number;
  /** Whole seconds (wrk's -d resolution). */
  durationS: number;
  warmupS: number;
  connections: number;
  sleepMs: number;
  /** Adds the diagnostic variants on noop. */
  diagnose: boolean;
  /** Servers measured: `nginx` (bench/tools/peer/nginx.ts) and the async loopbench server's workloads. */
  workloads: string[];
  /** Open model: the rising arrival rates, requests/s (empty: no open-model runs). */
  openRates: number[];
  /** Open model: runs per server and rate. */
  openRuns: number;
  /** Open model: the servers it runs on. */
  openWorkloads: string[];
  /** Also measure the pacing trade-off (polling budgets) at the lowest and highest rate. */
  pacing: boolean;
}

export const defaultPeerOptions: PeerOptions = {
  runs: 5,
  durationS: 5,
  warmupS: 1,
  connections: 50,
  sleepMs: 20,
  diagnose: false,
  workloads: ['nginx', 'noop', 'sleep'],
  openRates: [5_000, 10_000, 20_000],
  openRuns: 1,
  openWorkloads: ['nginx', 'noop'],
  pacing: false,
};

export const WORKLOADS = [NGINX_WORKLOAD, 'noop', 'sleep'] as const;

/** The parameters of a server under a peer run (`sleep` gets --sleep-ms; the others none). */
export function peerParams(workload: string, options: Pick<PeerOptions, 'sleepMs'>): WorkloadParams {
  return workload === 'sleep' ? { sleepMs: options.sleepMs } : {};
}
