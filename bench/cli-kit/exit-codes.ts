/**
 * The one exit-code map of every loopbench command (the README's exit-code table), and
 * the one rule from an error's stable code to an exit code.
 */
import { LoopbenchError } from '../errors.js';

export const EXIT = {
  /** Done (bench: at least one valid result; gate: pass; setup: every part ready). */
  ok: 0,
  /** A regression or a failed check; for bench, the run failed. */
  failed: 1,
  /** Usage or input error (a flag, a results file, a baseline), or a gate harness error. */
  usage: 2,
  /** No scenario produced a valid result. */
  noValidResult: 3,
  /** A system part the run needs is missing and could not be provisioned. */
  missingPart: 4,
  /** Ctrl-C. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Stable error codes → exit code. Codes not listed (and errors outside the family) fail. */
const EXIT_BY_ERROR_CODE: Readonly<Record<string, ExitCode>> = {
  E_USAGE: EXIT.usage,
  E_BASELINE: EXIT.usage,
  // The gate's harness errors (a failed build of the base, a busy machine): never a pass or a regression.
  E_HARNESS: EXIT.usage,
  // ResultsFileError's codes: a results file that cannot be used is bad input.
  'not-found': EXIT.usage,
  unreadable: EXIT.usage,
  'not-json': EXIT.usage,
  'not-loopbench': EXIT.usage,
  'unknown-schema': EXIT.usage,
  malformed: EXIT.usage,
  E_SETUP: EXIT.missingPart,
  E_INTERRUPTED: EXIT.interrupted,
  E_SERVER: EXIT.failed,
  E_PROFILE: EXIT.failed,
  E_RESOURCE: EXIT.failed,
  E_CHART_SPEC: EXIT.failed,
  E_FONT_MISSING: EXIT.failed,
};

/**
 * The exit code of an error that ended a command. `unexpected` is what an error outside
 * the family means for this command: 1 (failed), except for the gate's commands, whose 1
 * is a verdict (regression): they declare 2, so a failure they did not understand is never
 * reported as a pass or a regression.
 */
export function exitCodeOf(error: unknown, unexpected: ExitCode = EXIT.failed): ExitCode {
  if (!(error instanceof LoopbenchError)) return unexpected;
  return EXIT_BY_ERROR_CODE[error.code] ?? unexpected;
}
