/**
 * `npm run readme:options [-- --check]`: writes the CLI's own usage text (bench/options.ts
 * USAGE) into README.md between the `options:begin` and `options:end` markers, so the
 * options block never drifts from the code. `--check` only compares (exit 1 on a
 * difference); test/unit/readme-options.test.ts does the same in the unit tier.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { USAGE } from '../bench/options.js';
import { packageRoot } from '../bench/paths.js';

export const BEGIN = '<!-- options:begin (generated from bench/options.ts USAGE by `npm run readme:options`) -->';
export const END = '<!-- options:end -->';

export function optionsBlock(usage: string = USAGE): string {
  return `${BEGIN}\n\`\`\`text\n${usage.trimEnd()}\n\`\`\`\n${END}`;
}

/** The README with its options block replaced by the current one; throws without markers. */
export function withOptionsBlock(readme: string, usage: string = USAGE): string {
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`README.md has no options block (${BEGIN} ... ${END})`);
  return readme.slice(0, begin) + optionsBlock(usage) + readme.slice(end + END.length);
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const path = join(packageRoot(), 'README.md');
  const readme = readFileSync(path, 'utf8');
  const next = withOptionsBlock(readme);
  if (process.argv.includes('--check')) {
    if (next !== readme) {
      process.stderr.write('README.md: the options block differs from `npm run bench -- --help`; run `npm run readme:options`\n');
      process.exit(1);
    }
  } else if (next !== readme) {
    writeFileSync(path, next);
    process.stderr.write('README.md: options block rewritten from bench/options.ts USAGE\n');
  }
}
