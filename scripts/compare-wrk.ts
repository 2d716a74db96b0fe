#!/usr/bin/env node
/**
 * `npm run bench:peer`: loopbench's closed driver side by side with wrk on the same servers
 * (nginx and loopbench's async server), then loopbench's open model at rising rates
 * (bench/tools/peer/). Writes reports/peer-<timestamp>/peer.json (atomically, after every run)
 * and prints the table. Exit codes: 0 done; 1 failed; 2 bad input; 130 Ctrl-C (what was
 * measured is written; the running wrk is killed by its pid and every server, nginx
 * included, stopped by its pid).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildReport, runPeerComparison, planPeerRuns, wrkVersion, type PeerRun } from '../bench/tools/peer/compare-peers.js';
import { parsePeerArgs, PEER_USAGE } from '../bench/tools/peer/peer-args.js';
import { peerTable } from '../bench/tools/peer/peer-table.js';
import { killAllWrk, WRK_BIN } from '../bench/tools/peer/wrk-driver.js';
import { stopAllNginx } from '../bench/tools/peer/nginx.js';
import { planOpenRuns, runOpenLadder, runPacingSweep, summarizeOpen, type OpenRun } from '../bench/tools/peer/open-ladder.js';
import { packageRoot } from '../bench/paths.js';
import { writeFileAtomic } from '../bench/results/atomic-write.js';
import { stopAllServers } from '../bench/run/start-server.js';
import { EXIT } from '../bench/cli-kit/exit-codes.js';
import { runMain, type MainContext } from '../bench/cli-kit/main.js';

async function main(argv: string[], { interruptSignal }: MainContext): Promise<number> {
  const options = parsePeerArgs(argv);
  if (options.help) {
    process.stdout.write(PEER_USAGE);
    return 0;
  }
  const wrk = { path: WRK_BIN, version: wrkVersion() };
  const stamp = new Date().toISOString().replace(/[:]/g, '-').replace(/\.\d+Z$/, 'Z');
  const dir = resolve(options.outDir ?? join(packageRoot(), 'reports'), `peer-${stamp}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'peer.json');

  const signal = interruptSignal('bench:peer: interrupted; stopping wrk and the server, writing what was measured (Ctrl-C again to force)');

  const total = planPeerRuns(options).length;
  const openTotal = planOpenRuns(options).length;
  process.stderr.write(
    `bench:peer: ${total} closed-model runs (${options.runs} per generator and workload) + ${openTotal} open-model runs, ~${options.durationS + options.warmupS + 1} s each -> ${file}\n`,
  );
  const openRuns: OpenRun[] = [];
  const pacingRuns: OpenRun[] = [];
  const save = (runs: PeerRun[], interrupted: boolean) => {
    const report = buildReport(runs, options, wrk, interrupted);
    if (openRuns.length > 0) report.open = summarizeOpen(openRuns, options);
    if (report.open && pacingRuns.length > 0) report.open.pacing = pacingRuns;
    writeFileAtomic(file, JSON.stringify(report, null, 2) + '\n');
    return report;
  };
  const done: PeerRun[] = [];
  await runPeerComparison({
    options,
    signal: signal,
    onRun: (run, index) => {
      done.push(run);
      save(done, false);
      const c = run.client;
      const figures = c
        ? `${c.rps.toFixed(0)} req/s, p50 ${c.latencyMs.p50.toFixed(2)} ms, gen ${run.clientCpuPct?.toFixed(0) ?? '?'}% cpu`
        : '';
      process.stderr.write(`  [${index + 1}/${total}] ${run.workload} ${run.generator} #${run.repetition}: ${run.state} ${figures}${run.reasons.length ? ` (${run.reasons.join('; ')})` : ''}\n`);
    },
  });
  if (openTotal > 0 && !signal.aborted) {
    await runOpenLadder(options, signal, (run, index) => {
      openRuns.push(run);
      save(done, false);
      const figures =
        run.state === 'ok'
          ? `${run.achievedRatePerS?.toFixed(1)}/s, p50 ${run.p50Ms?.toFixed(2)} ms, p99 ${run.p99Ms?.toFixed(2)} ms, gen ${run.clientCpuPct?.toFixed(0)}% cpu (${run.clientCpuUsPerRequest?.toFixed(1)} µs/req), late ${run.lateSends}`
          : '';
      process.stderr.write(`  [open ${index + 1}/${openTotal}] ${run.workload} ${run.ratePerS}/s #${run.repetition}: ${run.state} ${figures}${run.reasons.length ? ` (${run.reasons.join('; ')})` : ''}\n`);
    });
  }
  if (options.pacing && openTotal > 0 && !signal.aborted) {
    await runPacingSweep(options, signal, (run) => {
      pacingRuns.push(run);
      save(done, false);
      process.stderr.write(`  [pacing] ${run.workload} ${run.ratePerS}/s budget ${run.spinBudgetFraction}: ${run.state} gen ${run.clientCpuPct?.toFixed(0)}% cpu, send lag p50 ${run.sendLagP50Ms?.toFixed(3)} ms, late ${run.lateSends}\n`);
    });
  }
  const report = save(done, signal.aborted);
  process.stdout.write(`\n${peerTable(report)}\n\nresults: ${file}\n`);
  return signal.aborted ? EXIT.interrupted : EXIT.ok;
}

async function stopEverything(): Promise<void> {
  killAllWrk();
  stopAllNginx();
  await stopAllServers();
}

void runMain({ name: 'bench:peer', cleanup: stopEverything }, (context) => main(process.argv.slice(2), context));
