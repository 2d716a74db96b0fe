import { describe, expect, it } from 'vitest';
import { claims, judgeAll } from '../../bench/claims/index.js';
import { roleOf, runtimesIn, scenarioOnRuntime } from '../../bench/claims/runtimes.js';
import { renderMarkdown } from '../../bench/reporters/markdown.js';
import { claimsTable } from '../../bench/terminal-table.js';
import { around, ResultsBuilder, scenarioOf } from './helpers.js';

const node = (strategy: string) => scenarioOf(claims.C6, `cpu/${strategy}/c50`);
const py = (strategy: string) => scenarioOnRuntime(node(strategy), 'python')!;

describe('claims judged per runtime, by role', () => {
  it('maps a claim scenario to the strategy playing the same role on Python', () => {
    expect(py('worker-threads').id).toBe('cpu/py-threads/c50');
    expect(py('child-process').id).toBe('cpu/py-processes/c50');
    expect(py('blocking').id).toBe('cpu/py-blocking/c50');
    expect(scenarioOnRuntime(scenarioOf(claims.C14, 'sleep/forgot-await/c10'), 'python')).toBeUndefined();
    expect(roleOf(node('worker-threads'))).toBe('threads');
  });

  it('finds the runtimes present (node alone for older files)', () => {
    expect(runtimesIn([{ strategy: 'async' }, { strategy: 'py-asyncio' }])).toEqual(['node', 'python']);
    expect(runtimesIn([{ strategy: 'py-threads' }])).toEqual(['python']);
    expect(runtimesIn([])).toEqual(['node']);
  });

  it('gives C6 a verdict per runtime: not applicable on Node.js, supported on Python (threads flat, processes scale)', () => {
    const b = new ResultsBuilder(2).withDeliveredCores(1.95);
    b.series(node('blocking'), 'coresBusy', around(1)).series(node('worker-threads'), 'coresBusy', around(1.9)).series(node('child-process'), 'coresBusy', around(1.92));
    b.series(py('blocking'), 'coresBusy', around(1)).series(py('worker-threads'), 'coresBusy', around(1.02)).series(py('child-process'), 'coresBusy', around(1.95));
    const { verdicts, comparisons } = judgeAll(b.build());
    const c6 = verdicts.filter((v) => v.id === 'C6');
    expect(c6.map((v) => [v.runtime, v.verdict])).toEqual([
      ['node', 'not-applicable'],
      ['python', 'supported'],
    ]);
    expect(c6[1]!.evidence).toContain('threads kept 1.02 cores busy vs blocking 1');
    expect(c6[1]!.scenarioIds).toContain('cpu/py-threads/c50');
    expect(comparisons.some((c) => c.runtime === 'python' && c.a === 'cpu/py-threads/c50')).toBe(true);
  });

  it('C2 on Python rests on its own fan-out runs: the Node.js Promise.all micro-benchmark is not required there', () => {
    const concurrent = scenarioOnRuntime(scenarioOf(claims.C2, 'upstream/async/c10'), 'python')!;
    const sequential = scenarioOnRuntime(scenarioOf(claims.C2, 'upstream/async/c10/mode=sequential'), 'python')!;
    const verdict = (concurrentP50: number) => {
      const b = new ResultsBuilder().series(concurrent, 'p50Ms', around(concurrentP50)).series(sequential, 'p50Ms', around(260));
      return judgeAll(b.build()).verdicts.find((v) => v.id === 'C2' && v.runtime === 'python')!;
    };
    expect(concurrent.strategy).toBe('py-asyncio');
    expect(verdict(55).verdict).toBe('supported');
    expect(verdict(55).evidence).toContain('asyncio.gather');
    expect(verdict(262).verdict).toBe('refuted');
  });

  it('C6 on Python is refuted (not "not applicable") when its threads scale like its processes', () => {
    const b = new ResultsBuilder(2).withDeliveredCores(1.95);
    b.series(py('blocking'), 'coresBusy', around(1)).series(py('worker-threads'), 'coresBusy', around(1.9)).series(py('child-process'), 'coresBusy', around(1.95));
    const c6 = judgeAll(b.build()).verdicts.find((v) => v.id === 'C6' && v.runtime === 'python')!;
    expect(c6.verdict).toBe('refuted');
    expect(c6.evidence).toMatch(/^threads kept as many cores busy on CPU work as processes/);
  });

  it("names the runtime's own scenario id when a side has too few valid runs", () => {
    const b = new ResultsBuilder(2).withDeliveredCores(1.95);
    b.series(py('blocking'), 'rps', around(20)).series(py('worker-threads'), 'rps', [20]).series(py('child-process'), 'rps', around(39));
    const c6 = judgeAll(b.build()).verdicts.find((v) => v.id === 'C6' && v.runtime === 'python')!;
    expect(c6.evidence).toContain('cpu/py-threads/c50: 1 valid run(s) of 1');
    expect(c6.evidence).not.toContain('cpu/worker-threads/c50');
  });

  it('says why a runtime cannot test a claim (forgot-await on Python)', () => {
    const b = new ResultsBuilder(2).series(py('blocking'), 'rps', around(20));
    const c14 = judgeAll(b.build()).verdicts.find((v) => v.id === 'C14' && v.runtime === 'python')!;
    expect(c14.verdict).toBe('not-measured');
    expect(c14.evidence).toContain("Python has no strategy in the role forgot-await");
  });

  it('shows one verdict column per runtime in the markdown and terminal tables', () => {
    const b = new ResultsBuilder(2).withDeliveredCores(1.95);
    b.series(node('blocking'), 'rps', around(50)).series(py('blocking'), 'rps', around(20));
    const results = b.build();
    results.claims = judgeAll(results).verdicts;
    const md = renderMarkdown(results);
    expect(md).toContain('| ID | The article says | Node.js | Python | Evidence |');
    expect(md).toMatch(/Node\.js: .* — Python: /);
    expect(claimsTable(results.claims)).toMatch(/claim\s+node\.js\s+python\s+the article says/);
  });

  it('reads results files written before verdicts were per runtime (no runtime field: Node.js)', () => {
    const b = new ResultsBuilder(2).series(node('blocking'), 'rps', around(50));
    const results = b.build();
    results.claims = judgeAll(results).verdicts.map(({ runtime: _r, ...rest }) => rest);
    expect(renderMarkdown(results)).toContain('| ID | The article says | Node.js | Evidence |');
  });
});
