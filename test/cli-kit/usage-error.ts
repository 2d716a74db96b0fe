import { expect } from 'vitest';
import { UsageError } from '../../bench/errors.js';

/** The message of the UsageError `parse(argv)` throws; fails the test when it accepts argv. */
export function usageErrorOf(parse: (argv: string[]) => unknown, argv: string[]): string {
  try {
    parse(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`expected ${argv.join(' ')} to be rejected`);
}
