import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it("the server tier caches in its own directory, never in the one `npm run bench` reads", () => {
  const dir = process.env['XDG_CACHE_HOME'];
  expect(dir).toMatch(/loopbench-test-cache-/);
  expect(dir).not.toBe(join(tmpdir(), 'loopbench-cache'));
  expect(existsSync(dir!)).toBe(true);
});
