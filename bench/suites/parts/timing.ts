/** How long a suite's runs last: one place per suite, passed to every part. */
export interface Timing {
  durationS: number;
  warmupS: number;
}
