#!/usr/bin/env node
/**
 * `npm run setup [-- --only chromium,postgres] [--check] [--rows N]`: the project's one
 * set-up step. Checks every system part (bench/setup/parts/), provisions what is missing
 * (apt-get as root or through passwordless sudo, services started, database seeded) and
 * checks again. Idempotent: a second run only checks.
 * Exit codes: 0 every part ready; 1 a part is missing and could not be provisioned (the
 * message names the part, its Debian packages and the command to run); 2 bad flags.
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { SetupError } from './errors.js';
import { setupParts } from './parts/index.js';
import { postgresSettings, postgresUrl } from './parts/postgres.js';
import { runSetup } from './run-setup.js';
import { detectSystemAccess } from './system.js';
import { checkParts } from './check-parts.js';

const USAGE = `Usage: npm run setup [-- options]

  --only NAMES   provision only these parts, comma-separated (${setupParts.map((p) => p.name).join(', ')})
  --check        only check, change nothing; exit 1 when a part is missing
  --rows N       rows to seed in PostgreSQL (default: ${postgresSettings.rows})
  --print-url    print DATABASE_URL=... on stdout at the end (npm run db:setup)
  --help         this text
`;

class UsageError extends Error {}

/** The command that runs this step as root, with absolute paths (sudo may reset PATH). */
export function rootCommandFor(argv: readonly string[]): string {
  return [process.execPath, fileURLToPath(import.meta.url), ...argv].map((a) => (/^[\w./=,:-]+$/.test(a) ? a : `'${a}'`)).join(' ');
}

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        only: { type: 'string' },
        check: { type: 'boolean' },
        rows: { type: 'string' },
        'print-url': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  let parts = setupParts;
  if (values.only !== undefined) {
    const names = values.only.split(',').map((n) => n.trim()).filter(Boolean);
    const unknown = names.filter((n) => !setupParts.some((p) => p.name === n));
    if (names.length === 0 || unknown.length > 0) {
      throw new UsageError(`--only: unknown part ${unknown.map((n) => `'${n}'`).join(', ') || `'${values.only}'`}; allowed: ${setupParts.map((p) => p.name).join(', ')}`);
    }
    parts = setupParts.filter((p) => names.includes(p.name));
  }
  if (values.rows !== undefined) {
    const rows = Number(values.rows);
    if (!Number.isInteger(rows) || rows < 1000) throw new UsageError(`--rows must be an integer >= 1000; got '${values.rows}'`);
    postgresSettings.rows = rows;
  }
  const log = (line: string) => process.stderr.write(`setup: ${line}\n`);
  if (values.check) {
    const missing = await checkParts(parts);
    for (const m of missing) log(`${m.part.name}: missing (${m.problem})`);
    if (missing.length === 0) log(`ready: ${parts.map((p) => p.name).join(', ')}`);
    return missing.length === 0 ? 0 : 1;
  }
  const results = await runSetup(parts, { access: detectSystemAccess(), log, rootCommand: rootCommandFor(argv) });
  log(`ready: ${results.map((r) => `${r.part}${r.state === 'provisioned' ? ' (provisioned now)' : ''}`).join(', ')}`);
  if (values['print-url']) process.stdout.write(`DATABASE_URL=${postgresUrl()}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`setup: ${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`${error instanceof SetupError ? error.message : `setup: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`}\n`);
    process.exit(1);
  },
);
