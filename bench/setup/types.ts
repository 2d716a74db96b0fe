/**
 * One system part the project needs (Chromium, fonts, PostgreSQL, Python's packages, ...),
 * provisioned by the project's one set-up step (`npm run setup`). A part is one file in
 * bench/setup/parts/ plus one line in the registry (bench/setup/parts/index.ts).
 */
import type { Scenario } from '../types.js';

export interface SetupCheck {
  ok: boolean;
  /** What is missing or wrong, in words, when not ok (e.g. `python3-fastapi is not installed`). */
  problem?: string;
}

export interface SetupPart {
  /** Short name: `chromium`, `postgres`, `python`. */
  name: string;
  /** What needs it, one line (`the HTML reporter's screenshots tests`). */
  neededFor: string;
  /** Debian packages it installs through apt-get when missing. */
  debianPackages: string[];
  /**
   * Whether `npm run bench` needs this part for these scenarios (it then provisions the part
   * before any load when it is missing). Absent: only the tests need it.
   */
  neededBy?(scenarios: readonly Scenario[]): boolean;
  /** Whether the part is present and working now. Never changes the machine. */
  check(): Promise<SetupCheck>;
  /**
   * Makes the part present: packages through apt-get (as root or with passwordless sudo),
   * services started, databases seeded. Idempotent. Throws a SetupError naming the part
   * and the exact command a user can run when it cannot (no root, not Debian).
   */
  provision(log: (line: string) => void): Promise<void>;
}
