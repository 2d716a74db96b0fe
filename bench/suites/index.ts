import type { Suite } from '../types.js';
import { ci } from './ci.js';
import { full } from './full.js';
import { quick } from './quick.js';

/** The registry: its keys are the valid `--suite` values. One line per suite. */
export const suites = {
  quick,
  full,
  ci,
} satisfies Record<string, Suite>;

export type SuiteName = keyof typeof suites;
export const suiteNames = Object.keys(suites) as SuiteName[];

/** What `npm run bench` runs without --suite: the first run, about 8 minutes on 2 cores (README: measured). */
export const DEFAULT_SUITE: SuiteName = 'quick';

/** Names suites had before, with what to use now (an old command gets a useful message). */
export const RENAMED_SUITES: Readonly<Record<string, SuiteName>> = { default: 'full' };
