import { describe, expect, it } from 'vitest';
import { claims, claimScenarios } from '../../bench/claims/index.js';
import { scenarioOnRuntime } from '../../bench/claims/runtimes.js';
import { parseBenchOptions } from '../../bench/options.js';
import { planRuns } from '../../bench/plan.js';
import { microToRun } from '../../bench/run-suite.js';
import { UsageError } from '../../bench/errors.js';
import { suites } from '../../bench/suites/index.js';
import { SCENARIO_TAGS } from '../../bench/suites/scenario.js';
import { lockstepWindowS, shortenScenarios } from '../../bench/suites/shorten.js';

const ids = (list: { id: string }[]) => list.map((s) => s.id);

describe('claims wiring: suites, --claims, micro-benchmarks', () => {
  it('default runs every scenario of every claim; quick all but the default-only ones, shortened', () => {
    const inDefault = new Set(ids(suites.full.scenarios));
    for (const s of claimScenarios()) expect(inDefault.has(s.id), s.id).toBe(true);
    const quick = new Map(suites.quick.scenarios.map((s) => [s.id, s]));
    for (const s of claimScenarios()) {
      if (s.tags?.includes(SCENARIO_TAGS.defaultOnly)) expect(quick.has(s.id)).toBe(false);
      // 1 s windows, or two rounds where a server answers in rounds (bench/suites/shorten.ts).
      else expect(quick.get(s.id)?.load.durationS, s.id).toBe(s.tags?.includes(SCENARIO_TAGS.keepWindow) ? s.load.durationS : Math.max(1, lockstepWindowS(s)));
    }
    expect(suites.quick.repetitions).toBeGreaterThanOrEqual(2);
  });

  it('shortens without changing ids', () => {
    const original = claims.C4.scenarios;
    const short = shortenScenarios(original, { durationS: 0.5, warmupS: 0.1 });
    expect(ids(short)).toEqual(ids(original).filter((id) => !id.includes('c10000')));
    expect(short[0]!.load.durationS).toBe(original[0]!.load.durationS);
  });

  it('--claims selects exactly what those claims need (case-insensitive, deduped)', () => {
    const options = parseBenchOptions(['--claims', 'c1, C12,C1']);
    expect(options.claims).toEqual(['C1', 'C12']);
    const plan = planRuns(suites.full, options);
    // A claim lists its Node.js scenarios; the full suite also holds their Python counterparts.
    const needed = [...claims.C1.scenarios, ...claims.C12.scenarios].flatMap((s) => [s, scenarioOnRuntime(s, 'python')].filter((x) => x !== undefined));
    expect(ids(plan.scenarios).sort()).toEqual([...new Set(ids(needed))].sort());
  });

  it('--claims combines with --filter', () => {
    const plan = planRuns(suites.quick, parseBenchOptions(['--suite', 'quick', '--claims', 'C12', '--filter', 'cpu']));
    // The quick suite holds one of C12's Python counterparts (for C15): --claims keeps it.
    expect(ids(plan.scenarios)).toEqual(['cpu/blocking/c4+probe', 'cpu/worker-threads/c4+probe', 'cpu/py-blocking/c4+probe']);
    expect(() => planRuns(suites.quick, parseBenchOptions(['--claims', 'C1', '--filter', 'cpu']))).toThrow(/--claims C1 with --filter leaves no scenario/);
  });

  it('refuses an unknown claim id, listing the allowed ones (exit 2)', () => {
    expect(() => parseBenchOptions(['--claims', 'C3,C16'])).toThrow(UsageError);
    expect(() => parseBenchOptions(['--claims', 'C3,C16'])).toThrow("--claims: unknown claim 'C16'; allowed: C1, C2, C3, C4, C5, C6, C7, C8, C9, C10, C11, C12, C13, C14, C15");
    expect(() => parseBenchOptions(['--claims', ','])).toThrow(UsageError);
  });

  it('runs the micro-benchmarks the selected claims read, and only those', () => {
    const microFor = (argv: string[]) => {
      const options = parseBenchOptions(argv);
      return microToRun(planRuns(suites[options.suite], options), options);
    };
    expect(microFor([]).sort()).toEqual(['gather-vs-sequential', 'memory-per-unit']);
    expect(microFor(['--claims', 'C2'])).toEqual(['gather-vs-sequential']);
    expect(microFor(['--claims', 'C1,C10'])).toEqual([]);
    // --filter cpu removes every scenario of C2 and C5 (and the ci suite has none): no micro-benchmark.
    expect(microFor(['--filter', 'cpu'])).toEqual([]);
    expect(microFor(['--suite', 'ci'])).toEqual([]);
  });
});
