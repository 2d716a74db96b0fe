/**
 * The one place that writes report files. Every reporter runs in memory first (a failing
 * reporter writes nothing); the files go to a staging directory beside the target, then
 * are renamed into place: a reader never sees a half-written file, and a failed report
 * leaves the previous one untouched.
 */
import { existsSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, posix, resolve } from 'node:path';
import type { ResultsFile } from '../types.js';
import { REPORTERS } from './index.js';
import type { ReportFile, Reporter } from './types.js';

const ALL: readonly Reporter[] = Object.values(REPORTERS);

/** Runs the reporters (by default all of them, in registry order) and checks their paths. Writes nothing. */
export async function buildReport(results: ResultsFile, reporters: readonly Reporter[] = ALL): Promise<ReportFile[]> {
  const files: ReportFile[] = [];
  for (const reporter of reporters) files.push(...(await reporter(results)));
  const seen = new Set<string>();
  for (const f of files) {
    const normal = posix.normalize(f.path);
    if (normal !== f.path || posix.isAbsolute(f.path) || f.path.startsWith('..') || f.path.startsWith('.') || f.path.endsWith('/')) {
      throw new Error(`reporter produced a bad path ${JSON.stringify(f.path)}: paths are relative, normalised, and stay inside the report directory`);
    }
    if (seen.has(f.path)) throw new Error(`two reporters produced ${f.path}`);
    seen.add(f.path);
  }
  return files;
}

/**
 * Writes every report of `results` into `outDir` (created if missing) and returns the
 * written paths, relative to `outDir`. Top-level files are replaced one by one;
 * directories (charts/) are swapped whole, so no chart of an older report survives.
 */
export async function writeReport(results: ResultsFile, outDir: string, reporters: readonly Reporter[] = ALL): Promise<string[]> {
  const files = await buildReport(results, reporters);
  const target = resolve(outDir);
  if (existsSync(target) && !statSync(target).isDirectory()) throw new Error(`report directory ${target} is a file: pass a directory to --out`);
  await mkdir(dirname(target), { recursive: true });
  // Not mkdtemp: its 0700 mode would stick to a new report directory renamed from it.
  const staging = join(dirname(target), `.${basename(target)}.staging-${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(staging);
  try {
    for (const f of files) {
      const path = join(staging, ...f.path.split('/'));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, f.contents);
    }
    if (!existsSync(target)) {
      await rename(staging, target);
      return files.map((f) => f.path);
    }
    const entries = (await readdir(staging)).sort();
    for (const entry of entries) {
      const from = join(staging, entry);
      const to = join(target, entry);
      if ((await stat(from)).isDirectory() && existsSync(to)) await rename(to, join(staging, `.replaced-${entry}`));
      await rename(from, to);
    }
    return files.map((f) => f.path);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
