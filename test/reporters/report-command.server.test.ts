import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadResultsFile, ResultsFileError } from '../../bench/reporters/load-results.js';
import { FIXTURE_PATH } from './fixture.js';

const SCRIPT = fileURLToPath(new URL('../../dist/scripts/report.js', import.meta.url));

let root: string;
beforeAll(() => {
  if (!existsSync(SCRIPT)) throw new Error(`${SCRIPT} is missing: build first (npx tsc -p . or npm test)`);
});
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'loopbench-report-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function report(...args: string[]) {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, INIT_CWD: root } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const fixture = () => JSON.parse(readFileSync(FIXTURE_PATH, 'utf8')) as Record<string, unknown>;

describe('npm run report: bad input', () => {
  const cases: [string, () => string, RegExp][] = [
    ['a missing file', () => join(root, 'nope', 'results.json'), /results file not found: .*nope\/results\.json: pass a results\.json written by `npm run bench`/],
    ['a directory', () => root, /is a directory, not a results file/],
    ['a file that is not JSON', () => write('results.json', 'loopbench results, honest\n'), /is not JSON \(.*\): pass a results\.json/],
    ['JSON that is not a loopbench file', () => write('package.json', JSON.stringify({ name: 'x', schemaVersion: 1 })), /is not a loopbench results file \(its "tool" field is not "loopbench"\)/],
    ['an unknown schema version', () => write('results.json', JSON.stringify({ ...fixture(), schemaVersion: 99 })), /has schemaVersion 99, this loopbench reads schemaVersion 1 or 2: report it with the loopbench version that wrote it, or re-run `npm run bench`/],
    ['a damaged results file', () => write('results.json', JSON.stringify({ ...fixture(), summaries: 'x' })), /damaged loopbench results file: "summaries" must be an array/],
  ];

  function write(name: string, text: string): string {
    const dir = join(root, 'in');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  }

  it.each(cases)('%s: one clear line, exit 2, nothing written', (_, make, message) => {
    const input = make();
    const before = readdirSync(root, { recursive: true }).sort();
    const r = report(input, '--out', join(root, 'out'));
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
    expect(readdirSync(root, { recursive: true }).sort()).toEqual(before);
  });

  it('without --out, nothing is written beside the bad file', () => {
    const input = write('results.json', JSON.stringify({ ...fixture(), tool: 'k6' }));
    const r = report(input);
    expect(r.code).toBe(2);
    expect(readdirSync(join(root, 'in'))).toEqual(['results.json']);
  });

  it.each([[[]], [['a.json', 'b.json']], [['--bogus', 'a.json']], [['a.json', '--out']]])('usage error %j: exit 2 with the usage', (args) => {
    const r = report(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('usage: npm run report -- <results.json> [--out DIR]');
    expect(readdirSync(root)).toEqual([]);
  });
});

describe('npm run report: good input', () => {
  it('rebuilds every report beside the results file, identically on a second run', () => {
    const dir = join(root, 'latest');
    mkdirSync(dir);
    writeFileSync(join(dir, 'results.json'), readFileSync(FIXTURE_PATH));
    const first = report('latest/results.json');
    expect(first.code, first.stderr).toBe(0);
    // A schema-1 file: what it cannot draw is said first, then what was written.
    expect(first.stdout).toMatch(/^not drawn: latency-distribution: .*schema version 1.*\nnot drawn: over-time: .*\nwrote 80 files to .*latest \(7 charts, 11 in blog\/\)/);
    const files = readdirSync(dir, { recursive: true }).map(String).sort();
    expect(files).toEqual(expect.arrayContaining(['index.html', 'summary.md', 'results.csv', 'results.json', 'charts/head-of-line.png']));
    const snapshot = new Map(files.filter((f) => f.includes('.')).map((f) => [f, readFileSync(join(dir, f))]));
    expect(report(join(dir, 'results.json')).code).toBe(0);
    for (const [f, bytes] of snapshot) expect(readFileSync(join(dir, f)).equals(bytes), f).toBe(true);
    // The fixture file was written by the json reporter's format, so even it is unchanged.
    expect(readFileSync(join(dir, 'results.json')).equals(readFileSync(FIXTURE_PATH))).toBe(true);
  });
});

describe('loadResultsFile', () => {
  it('returns the typed results of a good file', () => {
    expect(loadResultsFile(FIXTURE_PATH).suite).toBe('fixture');
  });

  it('throws ResultsFileError with a code', () => {
    try {
      loadResultsFile(join(root, 'missing.json'));
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ResultsFileError);
      expect((err as ResultsFileError).code).toBe('not-found');
    }
  });
});
