import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The server tier's own cache directory (XDG_CACHE_HOME, which bench/run/harness-checks.ts
 * reads): a harness ceiling a test measures (short, while other tests' servers wind down)
 * must never be the one `npm run bench` later reads from the cache. Removed afterwards.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'loopbench-test-cache-'));
  process.env['XDG_CACHE_HOME'] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
