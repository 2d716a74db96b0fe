/**
 * The busy-machine case of the issue, end to end on the control: with usable − 1 cores
 * kept busy by other processes, the control must see fewer cores than a baseline needs,
 * and C6 / C11 judged against that control must be neither supported nor refuted.
 * (Spawns short CPU-bound processes; each is killed by its PID.)
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { judgeAll } from '../../bench/claims/index.js';
import { busyMachineReasons } from '../../bench/gate/busy-machine.js';
import { measureDeliveredCores, parallelismControlOf } from '../../bench/run/parallelism-control.js';
import { around, ResultsBuilder, scenarioOf } from '../claims/helpers.js';
import { claims } from '../../bench/claims/index.js';

const busy: number[] = [];
afterEach(() => {
  for (const pid of busy.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

describe('parallelism control on a machine with busy cores', () => {
  it('sees fewer cores than usable, and C6/C11 judged on it are neither supported nor refuted', async () => {
    const k = availableParallelism();
    if (k < 2) return; // one core: nothing parallel to take away
    for (let i = 0; i < k - 1; i++) {
      // Stops by itself after 20 s even if this test dies before afterEach.
      const child = spawn(process.execPath, ['-e', 'const end = Date.now() + 20000; while (Date.now() < end) {}'], { stdio: 'ignore' });
      busy.push(child.pid!);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    const sample = await measureDeliveredCores(k, 300);
    // K processes sharing the machine with K − 1 busy ones get about K²/(2K − 1) cores' worth.
    expect(busyMachineReasons({ usableCores: k, deliveredCores: sample.deliveredCores })).toHaveLength(1);

    const s = (strategy: string) => scenarioOf(claims.C11, `cpu/${strategy}/c50`);
    const b = new ResultsBuilder(k).series(s('blocking'), 'rps', around(50)).series(s('worker-threads'), 'rps', around(62)).series(s('child-process'), 'rps', around(63)).series(s('cluster'), 'rps', around(60));
    const results = b.build();
    results.parallelism = parallelismControlOf([sample])!;
    const verdicts = judgeAll(results).verdicts;
    for (const id of ['C6', 'C11']) {
      const v = verdicts.find((x) => x.id === id)!;
      // Neither supported nor refuted (nor not-applicable, Node's reading of refuted).
      expect(v.verdict, v.evidence).toBe('inconclusive');
      expect(v.evidence).toContain('the machine delivered');
    }
  }, 30_000);
});
