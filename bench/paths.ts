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

/** Reference servers that are not strategies (same start-up protocol, other entry). */
export const referenceServers: Record<string, string> = {
  'bare-fastify': 'servers/reference/bare-fastify.js',
};

/**
 * Compiled server entry for a strategy (servers are always started from dist/, built by
 * `npm run build`): servers/serve.js, or a reference server's own entry.
 */
export function serverEntryPath(strategy?: string): string {
  const relative = (strategy && referenceServers[strategy]) || 'servers/serve.js';
  const entry = join(packageRoot(), 'dist', relative);
  if (!existsSync(entry)) throw new Error(`loopbench: ${entry} is missing; run \`npm run build\` first`);
  return entry;
}

/** The Python server entry (run from the source tree: it is not compiled). */
export function pythonServerEntryPath(): string {
  const entry = join(packageRoot(), 'servers', 'python', 'serve.py');
  if (!existsSync(entry)) throw new Error(`loopbench: ${entry} is missing`);
  return entry;
}
