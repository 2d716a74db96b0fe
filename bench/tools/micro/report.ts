/**
 * Micro results on disk and on the terminal:
 * `<reportsDir>/micro-<timestamp>/results.json` and `results.csv`, and the
 * `<reportsDir>/micro-latest` symlink to the newest run. Every file appears atomically
 * (written beside, then renamed), so a reader never sees half a file or a missing link.
 */
import { mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { formatBytes, formatFixed, formatMs, formatNumber, formatPct, formatRatio, textTable } from '../../format/index.js';
import { microRows } from './run.js';
import type { MicroResults, MicroRow } from './types.js';

export interface MicroReportPaths {
  dir: string;
  json: string;
  csv: string;
  latest: string;
}

async function writeAtomically(path: string, content: string): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    await writeFile(tmp, content);
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** `micro-2025-01-31T12-00-00-000Z`: sortable, and legal in every file system. */
export function microRunDirName(startedAt: string): string {
  return `micro-${startedAt.replace(/[:.]/g, '-')}`;
}

export function microCsv(rows: readonly MicroRow[]): string {
  return stringify(
    rows.map((r) => [r.benchmark, r.item, r.unit, r.value, r.rmePct ?? '', r.samples ?? '']),
    { header: true, columns: ['benchmark', 'item', 'unit', 'value', 'rme_pct', 'samples'] },
  );
}

export async function writeMicroReport(results: MicroResults, reportsDir: string): Promise<MicroReportPaths> {
  await mkdir(reportsDir, { recursive: true });
  const dir = join(reportsDir, microRunDirName(results.startedAt));
  await mkdir(dir); // not recursive: a second run in the same millisecond must not merge into this one
  const paths: MicroReportPaths = {
    dir,
    json: join(dir, 'results.json'),
    csv: join(dir, 'results.csv'),
    latest: join(reportsDir, 'micro-latest'),
  };
  await writeAtomically(paths.json, `${JSON.stringify(results, null, 2)}\n`);
  await writeAtomically(paths.csv, microCsv(microRows(results)));
  // Relative target, so the reports directory can be moved or archived as a whole.
  const tmpLink = `${paths.latest}.tmp-${process.pid}`;
  await rm(tmpLink, { force: true });
  await symlink(basename(dir), tmpLink);
  await rename(tmpLink, paths.latest);
  return paths;
}

function formatValue(row: MicroRow): string {
  switch (row.unit) {
    case 'bytes/unit':
      return `${formatBytes(row.value)}/unit`;
    case 'ratio':
      return formatRatio(row.value);
    case 'us/op':
      return `${formatNumber(row.value)} µs/op`;
    case 'ns/op':
      return `${formatNumber(row.value)} ns/op`;
    case 'ms':
      return formatMs(row.value);
  }
}

/** A plain-text table of the rows, with the machine it ran on. */
export function formatMicroTable(results: MicroResults): string {
  const header = ['benchmark', 'item', 'value', '± rme', 'samples'];
  const body = microRows(results).map((r) => [
    r.benchmark,
    r.item,
    formatValue(r),
    r.rmePct === null ? '' : formatPct(r.rmePct / 100, 1),
    r.samples === null ? '' : String(r.samples),
  ]);
  const m = results.machine;
  const out = [
    `loopbench micro — ${m.cpuModel}, ${m.cores} cores (${m.usableCores} usable), Node ${m.nodeVersion}, ${m.os}`,
    `load average (1 min): ${formatFixed(results.loadAverage1mAtStart, 2)} at start, ${formatFixed(results.loadAverage1mAtEnd, 2)} at end` +
      (Math.max(results.loadAverage1mAtStart, results.loadAverage1mAtEnd) >= m.usableCores / 2
        ? ' — the machine was busy: timings include outside load'
        : ''),
    '',
    textTable(header, body, { leftColumns: 2 }),
  ];
  for (const e of results.errors) out.push(`FAILED ${e.benchmark}: ${e.message}`);
  out.push('', `${results.benchmarksRun.length} benchmark(s) in ${formatMs(results.durationMs)}`);
  return out.join('\n');
}
