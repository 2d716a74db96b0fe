/** Where clinic's HTML is found, and where loopbench keeps it. */
import { constants } from 'node:fs';
import { copyFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProfileTool } from './tools.js';

/** `2025-11-24T17-30-05Z`: sortable, no characters a file system or shell dislikes. */
export function profileStamp(now: Date): string {
  return now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
}

/** `<strategy>-<workload>-<tool>-<timestamp>` (the HTML adds `.html`, then `-2`... on a clash). */
export function profileBaseName(strategy: string, workload: string, tool: ProfileTool, now: Date): string {
  return `${strategy}-${workload}-${tool}-${profileStamp(now)}`;
}

/**
 * The HTML clinic wrote: the one it announced, else the newest `*.clinic-<tool>.html`
 * in its --dest folder. Undefined when there is none or it is empty.
 */
export async function findClinicHtml(destDir: string, tool: ProfileTool, announced?: string): Promise<string | undefined> {
  const nonEmpty = async (path: string) => (await stat(path).catch(() => undefined))?.size ?? 0;
  if (announced && (await nonEmpty(announced)) > 0) return announced;
  const names = await readdir(destDir).catch(() => [] as string[]);
  const candidates: { path: string; mtimeMs: number; size: number }[] = [];
  for (const name of names.filter((n) => n.endsWith(`.clinic-${tool}.html`))) {
    const info = await stat(join(destDir, name)).catch(() => undefined);
    if (info?.isFile() && info.size > 0) candidates.push({ path: join(destDir, name), mtimeMs: info.mtimeMs, size: info.size });
  }
  return candidates.sort((a, b) => b.mtimeMs - a.mtimeMs)[0]?.path;
}

/** Copies `source` to `<outDir>/<baseName>.html` (never overwriting: `-2`, `-3`... on a clash). */
export async function keepReport(source: string, outDir: string, baseName: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const target = join(outDir, `${baseName}${attempt > 1 ? `-${attempt}` : ''}.html`);
    try {
      await copyFile(source, target, constants.COPYFILE_EXCL);
      return target;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 100) throw error;
    }
  }
}
