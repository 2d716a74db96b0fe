/**
 * The run outcome union (bench/run/run-outcome.ts) and the workload hooks the run steps
 * call (servers/workloads: calibrated, usesCalibration, cpuBound, exactBody).
 */
import { describe, expect, it } from 'vitest';
import { RunFindings, runRecordOf } from '../../bench/run/run-outcome.js';
import { serverParams } from '../../bench/run/run-scenario.js';
import { expectedBodyFor } from '../../bench/run/validate-response.js';
import { closedLoad, defineScenario } from '../../bench/suites/scenario.js';
import { isOkRun, type ClientFigures, type PythonFacts } from '../../bench/types.js';
import { findWorkload, usesCalibration, workloadNames } from '../../servers/workloads/index.js';

const identity = { runId: 'r', scenarioId: 'sleep/async/c10', repetition: 1, startedAt: '2026-01-01T00:00:00.000Z' };
const client: ClientFigures = { requests: 10, durationS: 1, rps: 10, latencyMs: { mean: 1, p50: 1, p90: 1, p99: 1, p999: 1, max: 1 }, errors: 0, timeouts: 0, non2xx: 0, wrongBodies: 0 };

describe('a run outcome is a union on state', () => {
  it('no problem and a measurement: ok, with its client figures and no reasons', () => {
    const run = runRecordOf(identity, [], { client, loadgen: { cpuPct: 10 } });
    expect(run.state).toBe('ok');
    expect(isOkRun(run) && run.client.rps).toBe(10);
    expect(run.reasons).toEqual([]);
  });

  it('invalid keeps what was measured and every reason, in order', () => {
    const run = runRecordOf(identity, [{ state: 'invalid', reason: 'a' }, { state: 'invalid', reason: 'b' }], { client });
    expect(run).toMatchObject({ state: 'invalid', reasons: ['a', 'b'], client });
  });

  it('one errored problem makes the run errored, whatever came before; the server stderr is kept', () => {
    const run = runRecordOf(identity, [{ state: 'invalid', reason: 'wrong answer' }, { state: 'errored', reason: 'processes left' }], { client }, 'tail');
    expect(run).toMatchObject({ state: 'errored', reasons: ['wrong answer', 'processes left'], stderrTail: 'tail', client });
  });

  it('no problem but nothing measured is errored, never an ok run without figures', () => {
    expect(runRecordOf(identity, [])).toMatchObject({ state: 'errored', reasons: ['no figures were measured'] });
  });

  it('the JSON keys keep the order results files always had', () => {
    expect(Object.keys(runRecordOf(identity, [], { client }))).toEqual(['runId', 'scenarioId', 'repetition', 'state', 'reasons', 'startedAt', 'client']);
  });

  it('RunFindings builds the record at the end, from the problems the steps found', () => {
    const findings = new RunFindings(identity);
    findings.measuredAs({ client });
    expect(findings.record().state).toBe('ok');
    findings.invalid('load: no request answered');
    expect(findings.record()).toMatchObject({ state: 'invalid', reasons: ['load: no request answered'] });
    findings.errored('interrupted');
    expect(findings.record()).toMatchObject({ state: 'errored', reasons: ['load: no request answered', 'interrupted'] });
  });
});

describe('workloads own their knowledge through hooks', () => {
  const cpu = (strategy: string, params: Record<string, number | string> = { cpuMs: 20 }) => defineScenario({ workload: 'cpu', strategy, params, load: closedLoad(10, 1, 0) });
  const calibration = { nsPerIteration: 2000, measuredAt: '2026-01-01T00:00:00.000Z' };
  const python = { bytecodeNsPerIteration: 100 } as PythonFacts;
  const ctx = { runId: 'r', usableCores: 2 };

  it('cpu on Node.js: cpuIterations = cpuMs / the PBKDF2 round cost', () => {
    expect(serverParams(cpu('async'), { ...ctx, calibration })['cpuIterations']).toBe(10_000);
    expect(() => serverParams(cpu('async'), ctx)).toThrow(/needs a CPU calibration/);
  });

  it('cpu on Python: bytecode by default, sized by the bytecode calibration; native by the PBKDF2 one', () => {
    const bytecode = serverParams(cpu('py-asyncio'), { ...ctx, calibration, python });
    expect(bytecode).toMatchObject({ cpuKind: 'bytecode', cpuIterations: 200_000 });
    expect(() => serverParams(cpu('py-asyncio'), { ...ctx, calibration })).toThrow(/bytecode calibration/);
    expect(serverParams(cpu('py-asyncio', { cpuMs: 20, cpuKind: 'native' }), { ...ctx, calibration })).toMatchObject({ cpuKind: 'native', cpuIterations: 10_000 });
  });

  it('a fixed cpuIterations is kept, and needs no calibration', () => {
    expect(serverParams(cpu('async', { cpuMs: 20, cpuIterations: 7 }), ctx)['cpuIterations']).toBe(7);
    expect(usesCalibration('cpu', { cpuMs: 20, cpuIterations: 7 })).toBe(false);
    expect(usesCalibration('cpu', { cpuMs: 20 })).toBe(true);
    expect(usesCalibration('sleep', { sleepMs: 20 })).toBe(false);
    expect(usesCalibration('external', {})).toBe(false);
  });

  it('a workload without calibration gets the scenario and resource params unchanged', () => {
    const scenario = defineScenario({ workload: 'sleep', strategy: 'async', params: { sleepMs: 5 }, load: closedLoad(10, 1, 0) });
    expect(serverParams(scenario, { ...ctx, resourceParams: { extra: 1 } })).toEqual({ sleepMs: 5, extra: 1 });
  });

  it('only cpu is CPU-bound', () => {
    expect(workloadNames.filter((name) => findWorkload(name)?.cpuBound)).toEqual(['cpu']);
  });

  it("a workload's exact body is what JSON.stringify makes of its expected answer", () => {
    for (const name of workloadNames) {
      const exact = findWorkload(name)!.exactBody;
      if (!exact) continue;
      const params = { sleepMs: 2.5 };
      expect(exact(params)(41), name).toBe(JSON.stringify({ workload: name, id: 41, value: findWorkload(name)!.expectedValue!(params, { id: 41 }) }));
      expect(expectedBodyFor(name, params)!(41)).toBe(exact(params)(41));
    }
    expect(expectedBodyFor('sleep', { sleepMs: 5 }, 'fast')).toBeUndefined();
    expect(expectedBodyFor('external', {})).toBeUndefined();
  });
});
