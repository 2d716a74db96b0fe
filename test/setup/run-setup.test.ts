/**
 * The set-up step's runner with fake parts and an injected view of the machine: what it
 * provisions, and the message when it cannot (no root, no passwordless sudo, no apt-get).
 */
import { describe, expect, it } from 'vitest';
import { SetupError } from '../../bench/setup/errors.js';
import { setupParts } from '../../bench/setup/parts/index.js';
import { cannotProvisionMessage, runSetup } from '../../bench/setup/run-setup.js';
import type { SystemAccess } from '../../bench/setup/system.js';
import type { SetupPart } from '../../bench/setup/types.js';

const ROOT_COMMAND = '/usr/bin/node /repo/dist/bench/setup/cli.js';

function fakePart(name: string, packages: string[], present: boolean): SetupPart & { provisioned: number } {
  let ok = present;
  return {
    name,
    neededFor: `the ${name} tests`,
    debianPackages: packages,
    provisioned: 0,
    async check() {
      return ok ? { ok: true } : { ok: false, problem: `${name} is not installed` };
    },
    async provision(log) {
      this.provisioned++;
      log('installing');
      ok = true;
    },
  };
}

const noRoot: SystemAccess = { root: false, passwordlessSudo: false, aptGet: true };

async function failureOf(promise: Promise<unknown>): Promise<SetupError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SetupError);
  return error as SetupError;
}

describe('runSetup', () => {
  it('as root: provisions what is missing, checks again, leaves what is ready alone', async () => {
    const ready = fakePart('fonts', ['fonts-x'], true);
    const missing = fakePart('browser', ['chromium'], false);
    const lines: string[] = [];
    const results = await runSetup([ready, missing], { access: { root: true, passwordlessSudo: false, aptGet: true }, log: (l) => lines.push(l), rootCommand: ROOT_COMMAND });
    expect(results).toEqual([
      { part: 'fonts', state: 'ready' },
      { part: 'browser', state: 'provisioned' },
    ]);
    expect(ready.provisioned).toBe(0);
    expect(missing.provisioned).toBe(1);
    expect(lines).toContain('browser: installing');
    // Idempotent: a second run only checks.
    const again = await runSetup([ready, missing], { access: { root: true, passwordlessSudo: false, aptGet: true }, log: () => undefined, rootCommand: ROOT_COMMAND });
    expect(again.map((r) => r.state)).toEqual(['ready', 'ready']);
    expect(missing.provisioned).toBe(1);
  });

  it('with passwordless sudo: provisions too', async () => {
    const part = fakePart('browser', ['chromium'], false);
    await runSetup([part], { access: { root: false, passwordlessSudo: true, aptGet: true }, log: () => undefined, rootCommand: ROOT_COMMAND });
    expect(part.provisioned).toBe(1);
  });

  it('without root or sudo: changes nothing and names each missing part, its packages and the exact command', async () => {
    const browser = fakePart('chromium', ['chromium'], false);
    const db = fakePart('postgres', ['postgresql'], false);
    const fine = fakePart('fonts', ['fonts-x'], true);
    const error = await failureOf(runSetup([browser, fine, db], { access: noRoot, log: () => undefined, rootCommand: ROOT_COMMAND }));
    expect(browser.provisioned + db.provisioned).toBe(0);
    expect(error.message).toContain('not running as root and sudo needs a password');
    expect(error.message).toContain('- chromium (needed for the chromium tests): chromium is not installed; Debian packages: chromium');
    expect(error.message).toContain('- postgres (needed for the postgres tests): postgres is not installed; Debian packages: postgresql');
    expect(error.message).toContain(`apt-get update && apt-get install -y --no-install-recommends chromium postgresql && ${ROOT_COMMAND}`);
    expect(error.message).not.toContain('fonts');
  });

  it('without apt-get: says so and names the Debian packages to find an equivalent of', async () => {
    const browser = fakePart('chromium', ['chromium'], false);
    const error = await failureOf(runSetup([browser], { access: { root: true, passwordlessSudo: false, aptGet: false }, log: () => undefined, rootCommand: ROOT_COMMAND }));
    expect(error.message).toContain('no apt-get');
    expect(error.message).toContain('Debian packages chromium');
    expect(browser.provisioned).toBe(0);
  });

  it('a part still missing after provisioning is an error naming it', async () => {
    const stubborn: SetupPart = { ...fakePart('chromium', ['chromium'], false), async provision() {} };
    const error = await failureOf(runSetup([stubborn], { access: { root: true, passwordlessSudo: false, aptGet: true }, log: () => undefined, rootCommand: ROOT_COMMAND }));
    expect(error.message).toMatch(/chromium is still not ready after provisioning: chromium is not installed/);
  });

  it('every part in the registry names its Debian packages and what needs it, and names are unique', () => {
    const names = setupParts.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['chromium', 'postgres']));
    for (const part of setupParts) {
      expect(part.debianPackages.length).toBeGreaterThan(0);
      expect(part.neededFor.length).toBeGreaterThan(5);
    }
    expect(cannotProvisionMessage([{ part: setupParts[0]!, problem: 'gone' }], noRoot, ROOT_COMMAND)).toContain(setupParts[0]!.debianPackages.join(' '));
  });
});
