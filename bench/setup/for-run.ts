/**
 * `npm run bench` provisions only the system parts its plan needs (a part's `neededBy`),
 * and only when one is missing: the default suite (SQLite, the project's own upstream
 * server, fonts from npm) needs none, so it starts at once on a fresh machine.
 */
import { join } from 'node:path';
import { packageRoot } from '../paths.js';
import type { Scenario } from '../types.js';
import { checkParts } from './check-parts.js';
import { setupParts } from './parts/index.js';
import { runSetup } from './run-setup.js';
import { detectSystemAccess } from './system.js';
import type { SetupPart } from './types.js';

export function partsNeededBy(scenarios: readonly Scenario[], parts: readonly SetupPart[] = setupParts): SetupPart[] {
  return parts.filter((part) => part.neededBy?.(scenarios) ?? false);
}

/** Checks the parts these scenarios need and provisions the missing ones; throws SetupError when it cannot. */
export async function provisionPartsFor(scenarios: readonly Scenario[], log: (line: string) => void): Promise<void> {
  const needed = partsNeededBy(scenarios);
  if (needed.length === 0) return;
  const missing = await checkParts(needed);
  if (missing.length === 0) return;
  log(`this run needs ${missing.map((m) => `${m.part.name} (${m.problem})`).join(', ')}: running the set-up step for it`);
  const names = missing.map((m) => m.part.name).join(',');
  await runSetup(
    missing.map((m) => m.part),
    {
      access: detectSystemAccess(),
      log: (line) => log(`setup: ${line}`),
      rootCommand: `${process.execPath} ${join(packageRoot(), 'dist', 'bench', 'setup', 'cli.js')} --only ${names}`,
    },
  );
}
