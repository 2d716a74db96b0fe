/** The README's options block is the CLI's own usage text (`npm run readme:options` rewrites it). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { USAGE } from '../../bench/options.js';
import { packageRoot } from '../../bench/paths.js';
import { withOptionsBlock } from '../../scripts/readme-options.js';

describe('README options block', () => {
  it('is exactly `npm run bench -- --help` (fix: npm run readme:options)', () => {
    const readme = readFileSync(join(packageRoot(), 'README.md'), 'utf8');
    expect(withOptionsBlock(readme), 'README.md options block is stale: run `npm run readme:options`').toBe(readme);
  });

  it('would notice a flag the README lacks', () => {
    const readme = readFileSync(join(packageRoot(), 'README.md'), 'utf8');
    expect(withOptionsBlock(readme, `${USAGE}  --new-flag   something\n`)).not.toBe(readme);
  });
});
