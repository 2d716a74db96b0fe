import { readFileSync } from 'node:fs';
import { processTree } from '../../bench/run/proc-tree.js';
import { calibrateCpu } from '../../bench/run/calibrate-cpu.js';
import { runScenarioOnce, type RunContext } from '../../bench/run/run-scenario.js';
import { closedLoad, defineScenario, type ScenarioInput } from '../../bench/suites/scenario.js';
import type { RunRecord } from '../../bench/types.js';

let calibration: ReturnType<typeof calibrateCpu> | undefined;

/** One short, bounded run of a scenario against a fresh server. */
export function runShort(
  input: Omit<ScenarioInput, 'load'> & { connections: number; durationS?: number; warmupS?: number },
  ctx: Partial<RunContext> = {},
): Promise<RunRecord> {
  const { connections, durationS = 3, warmupS = 0.5, ...rest } = input;
  const scenario = defineScenario({ ...rest, load: closedLoad(connections, durationS, warmupS) });
  calibration ??= calibrateCpu();
  return runScenarioOnce(scenario, 1, { runId: 'test', usableCores: 2, calibration, ...ctx });
}

export function cmdlineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** Processes below this test process that run a loopbench server or pool entry. */
export function serverProcessesOf(rootPid = process.pid): number[] {
  return processTree(rootPid).filter((pid) => pid !== rootPid && /dist\/servers\//.test(cmdlineOf(pid)));
}
