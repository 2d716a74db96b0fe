/**
 * Input checks shared by the statistics functions: a sample is a list of finite numbers
 * (one per run). NaN or ±Infinity is always a bug upstream (a run that measured nothing),
 * so it is rejected loudly instead of being dropped or propagated into a summary.
 */

/**
 * Throws a RangeError unless `values` holds at least `minN` numbers, all finite.
 *
 * @param values - the sample (not modified).
 * @param label - names the sample in the error message, e.g. `"a"`.
 * @param minN - the fewest values the caller can work with (default 1).
 */
export function checkSample(values: readonly number[], label = 'sample', minN = 1): void {
  if (values.length < minN) {
    throw new RangeError(`${label}: need at least ${minN} value(s), got ${values.length}`);
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new RangeError(`${label}: value #${i} is ${String(v)}, expected a finite number`);
    }
  }
}

/** Throws a RangeError unless `p` is a probability strictly between 0 and 1. */
export function checkOpenProbability(p: number, label = 'p'): void {
  if (!(p > 0 && p < 1)) {
    throw new RangeError(`${label} must be in (0, 1), got ${String(p)}`);
  }
}
