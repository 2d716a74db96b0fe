import { describe, it, expect } from 'vitest';
import * as stats from '../../bench/stats/index.js';

describe('bench/stats public API', () => {
  it('re-exports every entry point from index.ts', () => {
    const names = [
      'summarize', 'median', 'mean', 'stdev', 'cv', 'quantileSorted', 'meanConfidenceInterval',
      'studentTCdf', 'studentTQuantile', 'normalCdf', 'normalQuantile',
      'welchTTest', 'mannWhitneyU', 'mulberry32', 'bootstrapRatioOfMediansCi',
      'compareSamples', 'holmBonferroni', 'holmAdjust',
    ];
    for (const name of names) expect(typeof (stats as Record<string, unknown>)[name], name).toBe('function');
  });
});
