/**
 * Unit files share their worker's modules (vitest.config.ts, `isolate: false`), so a file
 * that replaces a module with `vi.mock` must be listed in MOCKING_FILES, which resets modules
 * and mocks per file; otherwise its mock leaks into whichever file the worker runs next.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../bench/paths.js';
import { MOCKING_FILES } from '../../vitest.config.js';

function unitTestFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return unitTestFiles(path);
    return entry.name.endsWith('.test.ts') && !entry.name.endsWith('.server.test.ts') ? [path] : [];
  });
}

const MOCK_CALL = /\bvi\s*\.\s*(mock|doMock)\s*\(/;

describe('unit files that mock modules', () => {
  const root = packageRoot();
  const files = unitTestFiles(join(root, 'test')).map((path) => relative(root, path).split('\\').join('/'));
  const mocking = files.filter((file) => MOCK_CALL.test(readFileSync(join(root, file), 'utf8')) && file !== 'test/tiers/mocking-files.test.ts');

  it('are all in vitest.config.ts MOCKING_FILES (else a mock leaks into the next file of the worker)', () => {
    expect(mocking.filter((file) => !MOCKING_FILES.includes(file))).toEqual([]);
  });

  it('MOCKING_FILES names only files that exist and mock something', () => {
    expect(MOCKING_FILES.filter((file) => !mocking.includes(file))).toEqual([]);
  });

  it('the pattern sees a mock call', () => {
    expect(MOCK_CALL.test("vi.mock('../x.js', () => ({}))")).toBe(true);
    expect(MOCK_CALL.test('const vim = 1;')).toBe(false);
  });
});
