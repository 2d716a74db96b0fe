import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPORTERS } from '../../bench/reporters/index.js';
import type { Reporter, ReportFile } from '../../bench/reporters/types.js';
import { buildReport, writeReport } from '../../bench/reporters/write-report.js';
import { loadFixture } from './fixture.js';

/**
 * Every reporter run once on the fixture, its files kept: the tests of what writeReport
 * writes where share this one real rendering (charts and blog PNGs dominate the unit
 * tier's time); the determinism test compares it with a second, fresh rendering.
 */
const fixture = loadFixture();
const once = new Map<Reporter, Promise<ReportFile[]>>();
const renderedOnce: Reporter[] = Object.values(REPORTERS).map((reporter) => () => {
  if (!once.has(reporter)) once.set(reporter, Promise.resolve(reporter(fixture)));
  return once.get(reporter)!;
});

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'loopbench-write-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Every file under `dir`, relative, sorted. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath ?? d.path, d.name).slice(dir.length + 1))
    .sort();
}

// Rendering every chart (the first test) and every reporter again (the second) is CPU work,
// not a timing assertion: generous timeouts, as for the blog test.
describe('writeReport', () => {
  it('writes every reporter output and nothing else', { timeout: 90_000 }, async () => {
    const out = join(root, 'latest');
    const written = await writeReport(fixture, out, renderedOnce);
    expect(tree(out)).toEqual([...written].sort());
    expect(tree(out)).toEqual(expect.arrayContaining(['results.json', 'results.csv', 'summary.md', 'index.html', 'charts/cpu-speedup.png', 'charts/cpu-speedup.svg', 'charts/cpu-speedup.vl.json']));
    expect(readdirSync(root)).toEqual(['latest']);
  });

  it('gives byte-identical output on the same input', { timeout: 90_000 }, async () => {
    await writeReport(fixture, join(root, 'a'), renderedOnce);
    await writeReport(loadFixture(), join(root, 'b')); // every reporter again, on a fresh copy of the input
    const files = tree(join(root, 'a'));
    expect(tree(join(root, 'b'))).toEqual(files);
    for (const f of files) expect(readFileSync(join(root, 'b', f)).equals(readFileSync(join(root, 'a', f))), f).toBe(true);
  });

  it('writes nothing when a reporter fails', async () => {
    const failing: Reporter = () => {
      throw new Error('boom');
    };
    const out = join(root, 'latest');
    await expect(writeReport(loadFixture(), out, [REPORTERS.json, failing])).rejects.toThrow('boom');
    expect(readdirSync(root)).toEqual([]);
  });

  it('leaves the previous report untouched when a reporter fails', async () => {
    const out = join(root, 'latest');
    mkdirSync(out);
    writeFileSync(join(out, 'summary.md'), 'old');
    await expect(writeReport(loadFixture(), out, [REPORTERS.markdown, () => Promise.reject(new Error('late failure'))])).rejects.toThrow('late failure');
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toBe('old');
    expect(readdirSync(root)).toEqual(['latest']);
  });

  it('replaces the charts folder whole but keeps other files in the directory', async () => {
    const out = join(root, 'latest');
    mkdirSync(join(out, 'charts'), { recursive: true });
    mkdirSync(join(out, 'runs'));
    writeFileSync(join(out, 'charts', 'stale-chart.svg'), '<svg/>');
    writeFileSync(join(out, 'runs', 'raw-1.json'), '{}');
    await writeReport(fixture, out, renderedOnce);
    expect(existsSync(join(out, 'charts', 'stale-chart.svg'))).toBe(false);
    expect(existsSync(join(out, 'charts', 'cpu-speedup.svg'))).toBe(true);
    expect(readFileSync(join(out, 'runs', 'raw-1.json'), 'utf8')).toBe('{}');
    expect(readdirSync(root)).toEqual(['latest']);
  });

  it('rejects a reporter path that leaves the report directory', async () => {
    for (const path of ['../x', '/etc/x', 'a/../../x', '.hidden']) {
      await expect(buildReport(loadFixture(), [() => [{ path, contents: '' }]])).rejects.toThrow('bad path');
    }
    await expect(writeReport(loadFixture(), join(root, 'out'), [() => [{ path: '../escape', contents: 'x' }]])).rejects.toThrow('bad path');
    expect(readdirSync(root)).toEqual([]);
  });
});
