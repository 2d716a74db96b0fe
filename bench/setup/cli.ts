#!/usr/bin/env node
/**
 * `npm run setup [-- --only chromium,postgres] [--check] [--rows N]`: the project's one
 * set-up step. Checks every system part (bench/setup/parts/), provisions what is missing
 * (apt-get as root or through passwordless sudo, services started, database seeded) and
 * checks again. Idempotent: a second run only checks.
 * Exit codes: 0 every part ready; 1 a part is missing and could not be provisioned (the
 * message names the part, its Debian packages and the command to run); 2 bad flags.
 */
import { fileURLToPath } from 'node:url';
import { defineCommand, parseFlags, usage } from '../cli-kit/command.js';
import { EXIT } from '../cli-kit/exit-codes.js';
import { customFlag, numberFlag, switchFlag } from '../cli-kit/flags.js';
import { runMain } from '../cli-kit/main.js';
import { UsageError } from '../errors.js';
import { SetupError } from './errors.js';
import { setupParts } from './parts/index.js';
import type { SetupPart } from './types.js';
import { postgresSettings, postgresUrl } from './parts/postgres.js';
import { runSetup } from './run-setup.js';
import { detectSystemAccess } from './system.js';
import { checkParts } from './check-parts.js';

function parseOnly(raw: string): readonly SetupPart[] {
  const names = raw.split(',').map((n) => n.trim()).filter(Boolean);
  const unknown = names.filter((n) => !setupParts.some((p) => p.name === n));
  if (names.length === 0 || unknown.length > 0) {
    throw new UsageError(`--only: unknown part ${unknown.map((n) => `'${n}'`).join(', ') || `'${raw}'`}; allowed: ${setupParts.map((p) => p.name).join(', ')}`);
  }
  return setupParts.filter((p) => names.includes(p.name));
}

export const setupCommand = defineCommand({
  synopsis: 'npm run setup [-- options]',
  helpColumn: 17,
  flags: {
    only: customFlag({ name: 'only', metavar: 'NAMES', help: `provision only these parts, comma-separated (${setupParts.map((p) => p.name).join(', ')})`, parse: parseOnly, default: setupParts }),
    check: switchFlag('check', 'only check, change nothing; exit 1 when a part is missing'),
    rows: numberFlag({ name: 'rows', metavar: 'N', help: `rows to seed in PostgreSQL (default: ${postgresSettings.rows})`, kind: 'integer', min: 1000 }),
    printUrl: switchFlag('print-url', 'print DATABASE_URL=... on stdout at the end (npm run db:setup)'),
  },
});

/** The command that runs this step as root, with absolute paths (sudo may reset PATH). */
export function rootCommandFor(argv: readonly string[]): string {
  return [process.execPath, fileURLToPath(import.meta.url), ...argv].map((a) => (/^[\w./=,:-]+$/.test(a) ? a : `'${a}'`)).join(' ');
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseFlags(setupCommand, argv);
  if (parsed.help) {
    process.stdout.write(usage(setupCommand));
    return EXIT.ok;
  }
  const { only: parts, check, rows, printUrl } = parsed.values;
  if (rows !== undefined) postgresSettings.rows = rows;
  const log = (line: string) => process.stderr.write(`setup: ${line}\n`);
  if (check) {
    const missing = await checkParts(parts);
    for (const m of missing) log(`${m.part.name}: missing (${m.problem})`);
    if (missing.length === 0) log(`ready: ${parts.map((p) => p.name).join(', ')}`);
    return missing.length === 0 ? EXIT.ok : EXIT.failed;
  }
  try {
    const results = await runSetup(parts, { access: detectSystemAccess(), log, rootCommand: rootCommandFor(argv) });
    log(`ready: ${results.map((r) => `${r.part}${r.state === 'provisioned' ? ' (provisioned now)' : ''}`).join(', ')}`);
  } catch (error) {
    // For this command a part it could not provision is a failed check (exit 1, the README's table); for npm run bench it is exit 4.
    if (!(error instanceof SetupError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return EXIT.failed;
  }
  if (printUrl) process.stdout.write(`DATABASE_URL=${postgresUrl()}\n`);
  return EXIT.ok;
}

void runMain({ name: 'setup' }, () => main(process.argv.slice(2)));
