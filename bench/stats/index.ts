/** Public API of the statistics layer (bench/stats). */
export { checkSample } from './sample.js';
export { cv, geometricMeanInterval, mean, meanConfidenceInterval, median, quantileSorted, stdev, summarize } from './describe.js';
export { normalCdf, normalQuantile, studentTCdf, studentTQuantile } from './distributions.js';
export { digamma, logBeta, logGamma, regularizedGammaQ, regularizedIncompleteBeta } from './special.js';
export { mannWhitneyU, welchTTest, type MannWhitneyResult, type WelchResult } from './tests.js';
export { bootstrapRatioOfMediansCi, mulberry32, type BootstrapOptions } from './bootstrap.js';
export { compareSamples, type CompareOptions, type Comparison } from './compare.js';
export { holmAdjust, holmBonferroni } from './multiple-testing.js';
export { midRanks, spearman, type RankCorrelation } from './correlation.js';
export { countQuantizationFloor, moderatedWelchLog, pooledLogVariance, PRIOR_DF_MAX, type LogVariancePrior, type ModeratedWelch } from './moderated.js';
export { ratioVsThreshold, type RatioThresholdOptions, type RatioThresholdTest } from './threshold.js';
