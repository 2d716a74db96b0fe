/**
 * The set-up step's logic: check every part, provision what is missing when this machine
 * allows it (root or passwordless sudo, and apt-get), check again; otherwise stop with one
 * message naming each missing part, its Debian packages and the exact command to run.
 * Nothing is skipped silently: a part that is not ready is an error.
 */
import { SetupError } from './errors.js';
import { canProvision, type SystemAccess } from './system.js';
import type { SetupPart } from './types.js';

export interface SetupResult {
  part: string;
  state: 'ready' | 'provisioned';
}

export interface SetupContext {
  access: SystemAccess;
  log: (line: string) => void;
  /** The command that runs the set-up step as root, printed when it cannot run itself. */
  rootCommand: string;
}

interface Missing {
  part: SetupPart;
  problem: string;
}

/** The message for parts this machine cannot provision: what, which packages, which command. */
export function cannotProvisionMessage(missing: readonly Missing[], access: SystemAccess, rootCommand: string): string {
  const why = !access.aptGet
    ? 'this machine has no apt-get (not Debian or Ubuntu)'
    : 'the set-up step is not running as root and sudo needs a password (or is not installed)';
  const packages = [...new Set(missing.flatMap((m) => m.part.debianPackages))];
  const lines = [
    `setup: ${missing.length === 1 ? 'a part is' : `${missing.length} parts are`} missing and cannot be provisioned here: ${why}.`,
    ...missing.map((m) => `  - ${m.part.name} (needed for ${m.part.neededFor}): ${m.problem}; Debian packages: ${m.part.debianPackages.join(' ') || '(none)'}`),
  ];
  if (access.aptGet) {
    lines.push(
      'Run as root (e.g. in `su -c` or with sudo):',
      `  apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')} && ${rootCommand}`,
      'then run the command again. (The last step starts the services and seeds the database; it is idempotent.)',
    );
  } else {
    lines.push(
      `Install the equivalent of the Debian packages ${packages.join(' ')} with this system's package manager, start the services they provide,`,
      `then run \`${rootCommand}\` with enough rights to start them.`,
    );
  }
  return lines.join('\n');
}

export async function runSetup(parts: readonly SetupPart[], context: SetupContext): Promise<SetupResult[]> {
  const { access, log } = context;
  const results: SetupResult[] = [];
  const missing: Missing[] = [];
  for (const part of parts) {
    const before = await part.check();
    if (before.ok) {
      log(`${part.name}: ready`);
      results.push({ part: part.name, state: 'ready' });
      continue;
    }
    const problem = before.problem ?? 'not ready';
    if (!canProvision(context.access)) {
      log(`${part.name}: missing (${problem})`);
      missing.push({ part, problem });
      continue;
    }
    log(`${part.name}: ${problem}; provisioning`);
    try {
      await part.provision((line) => log(`${part.name}: ${line}`));
    } catch (error) {
      if (error instanceof SetupError) throw error;
      throw new SetupError(`setup: provisioning ${part.name} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const after = await part.check();
    if (!after.ok) throw new SetupError(`setup: ${part.name} is still not ready after provisioning: ${after.problem ?? 'unknown'}`);
    log(`${part.name}: ready`);
    results.push({ part: part.name, state: 'provisioned' });
  }
  if (missing.length > 0) throw new SetupError(cannotProvisionMessage(missing, access, context.rootCommand));
  return results;
}
