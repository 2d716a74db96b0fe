import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const microCli = join(repoRoot, 'dist/bench/tools/micro/cli.js');

/** The micro-benchmarks start compiled entries: the tests need dist/ (`npm test` builds it). */
export function requireBuild(): void {
  if (!existsSync(microCli)) throw new Error(`${microCli} is missing: run \`npx tsc -p .\` (or \`npm test\`) first`);
}

/**
 * Live processes started from this checkout's compiled micro entries or pool entries
 * (found by command line in /proc), i.e. what a micro-benchmark could have left behind.
 */
export function leftoverProcesses(): { pid: number; cmdline: string }[] {
  const markers = [join(repoRoot, 'dist/bench/tools/micro/'), join(repoRoot, 'dist/servers/pool/')];
  const found: { pid: number; cmdline: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
    } catch {
      continue;
    }
    if (Number(entry) !== process.pid && markers.some((m) => cmdline.includes(m))) {
      found.push({ pid: Number(entry), cmdline });
    }
  }
  return found;
}
