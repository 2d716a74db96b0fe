/**
 * loopbench's closed drivers (`loopbench`: lean, the default; `loopbench-autocannon`) side
 * by side with wrk on the same servers (issue 4, "Side by side with a peer"): for each
 * repetition, each workload, each generator — a fresh async server on 127.0.0.1, one
 * validated answer, a warm-up by that generator, the measured load; generators alternate
 * (A B C A B C ...). Then per workload: medians with 95% CIs, each driver's ratio of
 * requests/s to wrk's (compareSamples, and paired by repetition), p50/p99, each
 * generator's CPU, and the targets (for the default driver).
 *
 * The command's body: the plan run in order, then the report. Its parts, by concern:
 * peer-options.ts (options), peer-server.ts (the server under a run), peer-run.ts (one run
 * of a generator), wrk-output.ts (parsing wrk), peer-comparison.ts (the statistics and
 * targets), peer-report.ts (peer.json), peer-table.ts (the printed tables).
 */
import { planPeerRuns, runPeerRun, type PeerRun, type PeerRunContext } from './peer-run.js';

export { defaultPeerOptions, WORKLOADS, type PeerOptions } from './peer-options.js';
export { planPeerRuns, type PeerRun } from './peer-run.js';
export { buildReport, type PeerReport } from './peer-report.js';
export { wrkVersion } from './wrk-driver.js';

/** Runs the whole interleaved plan; `onRun` sees each run as it finishes (to persist it). */
export async function runPeerComparison(ctx: PeerRunContext): Promise<PeerRun[]> {
  const plan = planPeerRuns(ctx.options);
  const runs: PeerRun[] = [];
  for (const [index, step] of plan.entries()) {
    if (ctx.signal?.aborted) break;
    const run = await runPeerRun(step.repetition, step.workload, step.generator, ctx);
    if (ctx.signal?.aborted && run.state !== 'ok') break;
    runs.push(run);
    ctx.onRun?.(run, index, plan.length);
  }
  return runs;
}
