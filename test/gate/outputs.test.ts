import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { baselineFrom } from '../../bench/gate/baseline.js';
import { gateReport } from '../../bench/gate/baseline-gate.js';
import { bencherMetrics } from '../../bench/gate/outputs/bencher.js';
import { githubBenchmark } from '../../bench/gate/outputs/github-benchmark.js';
import { gateOutputs, writeGateOutputs } from '../../bench/gate/outputs/index.js';
import { markdownSummary } from '../../bench/gate/outputs/markdown.js';
import { removeTempDirs, tempDir, typicalResults } from './fixture.js';

afterAll(removeTempDirs);

const report = gateReport(baselineFrom(typicalResults()), typicalResults({ clusterScale: 0.8 }), {
  baselinePath: 'reports/baseline.json',
  strict: false,
  practicalBand: 0.05,
});

describe('gate outputs', () => {
  it('github-action-benchmark: arrays of {name, unit, value, range?, extra?} for bigger and smaller is better', () => {
    for (const tool of ['customBiggerIsBetter', 'customSmallerIsBetter'] as const) {
      const entries = JSON.parse(JSON.stringify(githubBenchmark(report, tool))) as unknown[];
      expect(Array.isArray(entries)).toBe(true);
      expect(entries.length).toBeGreaterThan(0);
      for (const e of entries as Record<string, unknown>[]) {
        expect(Object.keys(e).every((k) => ['name', 'unit', 'value', 'range', 'extra'].includes(k))).toBe(true);
        expect(typeof e['name']).toBe('string');
        expect(typeof e['unit']).toBe('string');
        expect(typeof e['value']).toBe('number');
        if ('range' in e) expect(e['range']).toMatch(/^± \d/);
        if ('extra' in e) expect(typeof e['extra']).toBe('string');
      }
    }
    const bigger = githubBenchmark(report, 'customBiggerIsBetter');
    expect(bigger.map((e) => e.name)).toContain('cpu/cluster/c8 efficiency');
    expect(githubBenchmark(report, 'customSmallerIsBetter')[0]).toMatchObject({ name: 'sleep/blocking/c4/sleepMs=10 latency-p99-ms', unit: 'ms', value: 20 });
  });

  it('Bencher Metric Format: {benchmark: {measure: {value, lower_value, upper_value}}}', () => {
    const bmf = bencherMetrics(report);
    for (const [benchmark, measures] of Object.entries(bmf)) {
      expect(typeof benchmark).toBe('string');
      for (const [measure, m] of Object.entries(measures)) {
        expect(measure).toMatch(/^[a-z0-9-]+$/);
        expect(Object.keys(m).every((k) => ['value', 'lower_value', 'upper_value'].includes(k))).toBe(true);
        expect(typeof m.value).toBe('number');
        if (m.lower_value !== undefined) expect(m.lower_value).toBeLessThanOrEqual(m.value);
        if (m.upper_value !== undefined) expect(m.upper_value).toBeGreaterThanOrEqual(m.value);
      }
    }
    expect(bmf['cpu/cluster/c8']!['efficiency']!.value).toBeCloseTo(72 / 100, 10);
    expect(bmf['cpu/cluster/c8 / cpu/blocking/c8']!['rps-ratio']).toBeDefined();
  });

  it('markdown: a loud headline with the exit code, and the regressed metric named with its change and CI', () => {
    const md = markdownSummary(report);
    expect(md.split('\n')[0]).toBe('## loopbench CI gate: REGRESSION (exit 1)');
    expect(md).toMatch(/> \*\*REGRESSION\*\* `cpu\/cluster\/c8 efficiency`: -20\.0% \(95% CI -\d+\.\d%\.\.-\d+\.\d%\)/);
    expect(md).toMatch(/\| metric +\| baseline \[95% CI\]/);
  });

  it('writes every output with one function and appends the summary to $GITHUB_STEP_SUMMARY', () => {
    const dir = tempDir('outputs');
    const summary = join(dir, 'step-summary.md');
    writeFileSync(summary, 'earlier step\n');
    const written = writeGateOutputs(report, join(dir, 'gate'), { GITHUB_STEP_SUMMARY: summary });
    expect(written).toEqual([...Object.keys(gateOutputs).map((name) => join(dir, 'gate', name)), summary]);
    expect(readFileSync(summary, 'utf8')).toMatch(/^earlier step\n## loopbench CI gate: REGRESSION/);
    expect(JSON.parse(readFileSync(join(dir, 'gate', 'bencher.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(bencherMetrics(report))));
  });
});
