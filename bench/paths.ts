import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: the nearest folder above this module holding package.json. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('loopbench: cannot find package.json above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

/** Compiled server entry (servers are always started from dist/, built by `npm run build`). */
export function serverEntryPath(): string {
  const entry = join(packageRoot(), 'dist', 'servers', 'serve.js');
  if (!existsSync(entry)) throw new Error(`loopbench: ${entry} is missing; run \`npm run build\` first`);
  return entry;
}
