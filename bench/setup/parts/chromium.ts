/**
 * Chromium, for the HTML reporter's end-to-end test (test/reporters/html-chromium.server.test.ts
 * opens index.html in it through playwright-core). Reports themselves need no browser.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { aptInstall } from '../system.js';
import type { SetupCheck, SetupPart } from '../types.js';

/** Where a Chromium may live: $LOOPBENCH_CHROMIUM, Debian's, Ubuntu's, Google's (GitHub runners). */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The Chromium executable to use, or undefined when none is installed. */
export function chromiumExecutable(): string | undefined {
  const given = process.env['LOOPBENCH_CHROMIUM'];
  if (given) return existsSync(given) ? given : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

export const chromium: SetupPart = {
  name: 'chromium',
  neededFor: "the HTML reporter's end-to-end test in headless Chromium",
  debianPackages: ['chromium'],
  async check(): Promise<SetupCheck> {
    const executable = chromiumExecutable();
    if (!executable) return { ok: false, problem: `no Chromium at ${process.env['LOOPBENCH_CHROMIUM'] ?? CANDIDATES.join(', ')}` };
    try {
      execFileSync(executable, ['--version'], { stdio: 'ignore', timeout: 30_000 });
      return { ok: true };
    } catch (error) {
      return { ok: false, problem: `${executable} --version failed: ${(error as Error).message}` };
    }
  },
  async provision(log): Promise<void> {
    aptInstall(this.debianPackages, log);
  },
};
