/**
 * Every predicate can come out supported, refuted and inconclusive (CLAIMS.md), and a
 * test per claim shows all three from canned results: this checks that each claim's test
 * file asserts each outcome at least once (C6 on Node.js reads `not-applicable` where
 * another runtime reads `refuted`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimIds } from '../../bench/claims/index.js';

const dir = join(import.meta.dirname, '.');
const files = readdirSync(dir);

describe('each claim has tests reaching supported, refuted and inconclusive', () => {
  it.each(claimIds)('%s', (id) => {
    const number = id.slice(1).padStart(2, '0');
    const file = files.find((f) => f.startsWith(`c${number}-`) && f.endsWith('.test.ts'));
    expect(file, `test/claims/c${number}-*.test.ts`).toBeDefined();
    const text = readFileSync(join(dir, file!), 'utf8');
    expect(text).toMatch(/toBe\('supported'\)/);
    expect(text).toMatch(/toBe\('(refuted|not-applicable)'\)/);
    expect(text).toMatch(/toBe\('inconclusive'\)/);
  });
});
