import type { Suite } from '../types.js';
import { ci } from './ci.js';
import { defaultSuite } from './default.js';
import { quick } from './quick.js';

/** The registry: its keys are the valid `--suite` values. One line per suite. */
export const suites = {
  quick,
  default: defaultSuite,
  ci,
} satisfies Record<string, Suite>;

export type SuiteName = keyof typeof suites;
export const suiteNames = Object.keys(suites) as SuiteName[];
