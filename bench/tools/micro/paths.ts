import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package root: the nearest directory above this module whose package.json is
 * loopbench's. Works from the sources (bench/tools/micro/, under vitest) and from dist/bench/tools/micro/.
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'loopbench') {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('loopbench package root not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

/**
 * Absolute path of a compiled entry (a file that is started as a thread or process), e.g.
 * `bench/tools/micro/entries/idle-child.js` → `<root>/dist/bench/tools/micro/entries/idle-child.js`.
 * Entries always run compiled, so the same path serves the sources and dist.
 */
export function compiledPath(relativeJsPath: string): string {
  const path = join(packageRoot(), 'dist', relativeJsPath);
  if (!existsSync(path)) {
    throw new Error(`${path} does not exist: build first (npm run build, or npx tsc -p .)`);
  }
  return path;
}

/** Default parent directory of the micro reports. */
export function defaultReportsDir(): string {
  return join(packageRoot(), 'reports');
}
