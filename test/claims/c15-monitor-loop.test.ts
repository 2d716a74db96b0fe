import { describe, expect, it } from 'vitest';
import { claims, judgeAll } from '../../bench/claims/index.js';
import { scenarioOnRuntime } from '../../bench/claims/runtimes.js';
import { loopDelayVsP99 } from '../../bench/charts/loop-delay-vs-p99.js';
import { core } from '../../bench/claims/scenarios.js';
import type { Scenario } from '../../bench/types.js';
import { emptyResults, ResultsBuilder, verdictOf } from './helpers.js';

type Point = [loopMs: number, p99Ms: number];

/** One scenario per point (C15's designed set, in order), loop delay and p99 given per scenario, three identical runs. */
function results(points: Point[], extra: [Scenario, Point][] = [], onRuntime: (s: Scenario) => Scenario = (s) => s): ResultsBuilder {
  const b = new ResultsBuilder();
  const add = (scenario: Scenario, [loopP99Ms, p99Ms]: Point) => b.add(scenario, [1, 2, 3].map(() => ({ loopP99Ms, p99Ms })));
  points.forEach((point, i) => add(onRuntime(claims.C15.scenarios[i]!), point));
  for (const [scenario, point] of extra) add(scenario, point);
  return b;
}

const increasing = Array.from({ length: 16 }, (_, i) => [1 + 10 * i, 20 + 100 * i * i] as Point);

describe('C15: monitor the event loop', () => {
  it('is judged on a designed set of 16 scenarios on servers that serve requests on their loop', () => {
    expect(claims.C15.scenarios).toHaveLength(16);
    for (const s of claims.C15.scenarios) expect(['blocking', 'async', 'cluster'], s.id).toContain(s.strategy);
    // The set holds its own counterexamples: async sleep, a tail of S with an idle loop.
    expect(claims.C15.scenarios.map((s) => s.id)).toContain('sleep/async/c50');
  });

  it('is supported when loop delay ranks the scenarios by their p99', () => {
    const v = verdictOf('C15', results(increasing).build());
    expect(v.verdict).toBe('supported');
    expect(v.evidence).toContain('Spearman rho 1 (95% CI 1–1, p<0.001) between loop-delay p99 and request p99 over 16 scenarios on servers that serve requests on their loop');
    expect(v.evidence).toContain('e.g. noop/blocking/c50: loop 1 ms, p99 20 ms; sleep/blocking/c32/sleepMs=5: loop 151 ms, p99 22.5 s');
    expect(v.scenarioIds).toHaveLength(16);
  });

  it('is refuted when loop delay is confidently a poor predictor', () => {
    const reversed = increasing.map(([loop], i) => [loop, increasing[increasing.length - 1 - i]![1]] as Point);
    expect(verdictOf('C15', results(reversed).build()).verdict).toBe('refuted');
  });

  it('is inconclusive with fewer than 12 designed scenarios, a weak, uncertain correlation, or nothing to rank', () => {
    const few = verdictOf('C15', results(increasing.slice(0, 10)).build());
    expect(few.verdict).toBe('inconclusive');
    expect(few.evidence).toContain('10 of the 16 designed scenarios with loop telemetry and valid runs, at least 12 needed');
    const weak: Point[] = [[10, 50], [20, 10], [30, 70], [40, 30], [50, 90], [60, 20], [70, 110], [80, 40], [90, 60], [100, 35], [110, 120], [120, 45]];
    const w = verdictOf('C15', results(weak).build());
    expect(w.verdict).toBe('inconclusive');
    expect(w.evidence).toContain('over 12 scenarios');
    const flat = verdictOf('C15', results(increasing.map(([, p99]) => [0, p99] as Point)).build());
    expect(flat.verdict).toBe('inconclusive');
    expect(flat.evidence).toContain('the same in all 16 designed scenarios');
  });

  it('does not let the rest of the run decide: pool servers and other scenarios are context', () => {
    // Pool servers whose requests queue while the loop idles: a long tail at a quiet loop.
    const pool: [Scenario, Point][] = [
      [core('noop', 'worker-threads'), [3, 14]],
      [core('sleep', 'worker-threads'), [2, 1870]],
      [core('cpu', 'worker-threads'), [4, 840]],
      [core('noop', 'child-process'), [1, 12]],
      [core('sleep', 'child-process'), [3.5, 1280]],
      [core('cpu', 'child-process'), [5, 630]],
    ];
    const v = verdictOf('C15', results(increasing, pool).build());
    expect(v.verdict).toBe('supported');
    expect(v.evidence).toContain("context, pool servers (Node.js threads, processes): Spearman rho");
    expect(v.evidence).toContain('their loop delay does not rank them; requests wait in the pool, not on the loop, e.g. sleep/worker-threads/c50: loop 2 ms, p99 1.87 s');
    expect(v.evidence).toContain('context, every Node.js scenario of this run: Spearman rho');
    expect(v.evidence).toContain('over 22');
  });

  it('judges Python on the same set mapped to its strategies', () => {
    const toPython = (s: Scenario) => scenarioOnRuntime(s, 'python')!;
    expect(claims.C15.scenarios.map(toPython).map((s) => s.strategy).sort()).toEqual(
      claims.C15.scenarios.map((s) => ({ blocking: 'py-blocking', async: 'py-asyncio', cluster: 'py-prefork' })[s.strategy]).sort(),
    );
    const v = judgeAll(results(increasing, [], toPython).build()).verdicts.find((x) => x.id === 'C15' && x.runtime === 'python')!;
    expect(v.verdict).toBe('supported');
    expect(v.evidence).toContain('over 16 scenarios');
  });

  it("gives the loop-delay chart its title: C15's own figure, per runtime", () => {
    const toPython = (s: Scenario) => scenarioOnRuntime(s, 'python')!;
    const b = results(increasing);
    increasing.forEach(([loopP99Ms, p99Ms], i) => b.add(toPython(claims.C15.scenarios[i]!), [1, 2, 3].map(() => ({ loopP99Ms, p99Ms: i === 0 ? p99Ms * 50 : p99Ms }))));
    const spec = loopDelayVsP99(b.build()) as { title: { text: string } };
    expect(spec.title.text).toBe('Event-loop delay predicts p99 where requests run on the loop (C15: Spearman ρ = 1.00 Node.js, 0.98 Python, 16 scenarios each)');
  });

  it('is not measured when no scenario ran', () => {
    expect(verdictOf('C15', emptyResults()).verdict).toBe('not-measured');
  });
});
