/**
 * The built commands' exit codes on bad input and on fixture results (no load is run:
 * `--results` gates an existing results file). `npm test` builds dist/ first.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baselineFrom, writeBaseline } from '../../bench/gate/baseline.js';
import { removeTempDirs, tempDir, typicalResults } from './fixture.js';

afterAll(removeTempDirs);

const root = join(import.meta.dirname, '..', '..');
let dir: string;
let goodBaseline: string;
let resultsPath: string;

function gate(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'dist', 'scripts', 'bench-ci.js'), '--out', dir, ...args], {
    encoding: 'utf8',
    env: { ...process.env, GITHUB_STEP_SUMMARY: '' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  dir = tempDir('gate-cli');
  goodBaseline = join(dir, 'baseline.json');
  writeBaseline(goodBaseline, baselineFrom(typicalResults()));
  resultsPath = join(dir, 'results.json');
  writeFileSync(resultsPath, JSON.stringify(typicalResults()));
});

describe('npm run bench:ci exit codes', () => {
  it('exits 2 with a clear message when the baseline is missing', () => {
    const r = gate('--baseline', join(dir, 'nope.json'), '--results', resultsPath);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/baseline .*nope\.json does not exist; create it with `npm run baseline`/);
  });

  it('exits 2 when the baseline is corrupt (truncated JSON)', () => {
    const path = join(dir, 'corrupt.json');
    writeFileSync(path, readFileSync(goodBaseline, 'utf8').slice(0, 200));
    const r = gate('--baseline', path, '--results', resultsPath);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is not valid JSON/);
  });

  it('exits 2 when the baseline has malformed samples', () => {
    const path = join(dir, 'bad-samples.json');
    const b = JSON.parse(readFileSync(goodBaseline, 'utf8'));
    b.metrics[0].samples = ['x'];
    writeFileSync(path, JSON.stringify(b));
    expect(gate('--baseline', path, '--results', resultsPath).code).toBe(2);
  });

  it('exits 2 when the baseline schema version is incompatible', () => {
    const path = join(dir, 'v99.json');
    writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(goodBaseline, 'utf8')), schemaVersion: 99 }));
    const r = gate('--baseline', path, '--results', resultsPath);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/schemaVersion 99; this loopbench reads version 1/);
  });

  it('exits 2 when runs errored (harness error, not a verdict)', () => {
    const errored = typicalResults();
    errored.runs[0]!.state = 'errored';
    const path = join(dir, 'errored.json');
    writeFileSync(path, JSON.stringify(errored));
    const r = gate('--baseline', goodBaseline, '--results', path);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/HARNESS ERROR/);
  });

  it('exits 0 on unchanged figures and 1 on a regression, naming the metric', () => {
    expect(gate('--baseline', goodBaseline, '--results', resultsPath).code).toBe(0);
    const slow = join(dir, 'slow.json');
    writeFileSync(slow, JSON.stringify(typicalResults({ clusterScale: 0.8 })));
    const r = gate('--baseline', goodBaseline, '--results', slow);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/REGRESSION\*\* `cpu\/cluster\/c8 efficiency`: -20\.0%/);
  });

  it('exits 2 on a bad flag value', () => {
    const r = gate('--inject-slowdown', '2000%');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--inject-slowdown must be a percentage from 0% to 1000%/);
  });
});

describe('npm run compare on bad input', () => {
  it('exits 2 on an unknown git ref, before checking anything out', () => {
    const r = spawnSync(process.execPath, [join(root, 'dist', 'scripts', 'compare.js'), '--base', 'no-such-ref-xyz'], { encoding: 'utf8', cwd: root });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown git ref 'no-such-ref-xyz'/);
  });

  it('exits 2 without --base', () => {
    const r = spawnSync(process.execPath, [join(root, 'dist', 'scripts', 'compare.js')], { encoding: 'utf8', cwd: root });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--base <git-ref> is required/);
  });
});
