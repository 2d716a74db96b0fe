/**
 * `npm run readme:options [-- --check]`: writes the CLI's own usage text (bench/options.ts
 * USAGE, generated from its flag declarations) into README.md between the `options:begin` and `options:end` markers, so the
 * options block never drifts from the code. `--check` only compares (exit 1 on a
 * difference); test/unit/readme-options.test.ts does the same in the unit tier.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defineCommand, parseFlags, usage } from '../bench/cli-kit/command.js';
import { EXIT } from '../bench/cli-kit/exit-codes.js';
import { switchFlag } from '../bench/cli-kit/flags.js';
import { runMain } from '../bench/cli-kit/main.js';
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

export const readmeOptionsCommand = defineCommand({
  synopsis: 'npm run readme:options [-- --check]',
  flags: { check: switchFlag('check', 'only compare; exit 1 when the README differs') },
});

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  await runMain({ name: 'readme:options' }, async () => {
    const parsed = parseFlags(readmeOptionsCommand, process.argv.slice(2));
    if (parsed.help) {
      process.stdout.write(usage(readmeOptionsCommand));
      return EXIT.ok;
    }
    const path = join(packageRoot(), 'README.md');
    const readme = readFileSync(path, 'utf8');
    const next = withOptionsBlock(readme);
    if (next === readme) return EXIT.ok;
    if (parsed.values.check) {
      process.stderr.write('README.md: the options block differs from `npm run bench -- --help`; run `npm run readme:options`\n');
      return EXIT.failed;
    }
    writeFileSync(path, next);
    process.stderr.write('README.md: options block rewritten from bench/options.ts USAGE\n');
    return EXIT.ok;
  });
}
