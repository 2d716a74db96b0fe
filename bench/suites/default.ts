import { claimScenarios } from '../claims/index.js';
import { CORE_STRATEGIES, matrix, MATRIX_CONNECTIONS, scenario } from '../claims/scenarios.js';
import type { Suite } from '../types.js';
import { dedupeScenarios } from './shorten.js';

/**
 * The base matrix: the five core strategies × {noop, sleep 50 ms, cpu 20 ms} at 50
 * connections, and bare fastify as the reference for the strategy layer's cost.
 */
export const matrixScenarios = [
  scenario({ workload: 'noop', strategy: 'bare-fastify', connections: MATRIX_CONNECTIONS, tags: ['reference'] }),
  ...(['noop', 'sleep', 'cpu'] as const).flatMap((workload) => CORE_STRATEGIES.map((strategy) => matrix(workload, strategy))),
];

/**
 * What `npm run bench` runs: the base matrix plus every scenario a claim needs (the sleep
 * sweep 1-1,000 connections, 1,000 and 10,000 connections, db and upstream, head-of-line,
 * thread-per-request, forgot-await), 3 s windows after 1 s of warm-up, 3 interleaved
 * repetitions (a sample is a run: compareSamples needs 2 or more).
 */
export const defaultSuite: Suite = {
  name: 'default',
  description:
    'core strategies x {noop, sleep 50 ms, cpu 20 ms} at 50 connections, and every scenario the claims C1-C15 need; 3 s runs after 1 s warm-up, 3 repetitions',
  repetitions: 3,
  scenarios: dedupeScenarios([...matrixScenarios, ...claimScenarios()]),
};
