/**
 * The gate's outputs: the registry (file name → pure reporter) and the one function that
 * writes them all, and appends the markdown summary to $GITHUB_STEP_SUMMARY when set.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../results/atomic-write.js';
import type { GateReport } from '../report.js';
import { bencherJson } from './bencher.js';
import { githubBiggerIsBetter, githubSmallerIsBetter } from './github-benchmark.js';
import { markdownSummary } from './markdown.js';

export const gateOutputs = {
  'summary.md': markdownSummary,
  'github-benchmark-bigger.json': githubBiggerIsBetter,
  'github-benchmark-smaller.json': githubSmallerIsBetter,
  'bencher.json': bencherJson,
} satisfies Record<string, (report: GateReport) => string>;

/** Writes every output into `dir`; returns the paths written. */
export function writeGateOutputs(report: GateReport, dir: string, env: NodeJS.ProcessEnv = process.env): string[] {
  mkdirSync(dir, { recursive: true });
  const written = Object.entries(gateOutputs).map(([name, render]) => {
    const path = join(dir, name);
    writeFileAtomic(path, render(report));
    return path;
  });
  const stepSummary = env['GITHUB_STEP_SUMMARY'];
  if (stepSummary) {
    appendFileSync(stepSummary, markdownSummary(report) + '\n');
    written.push(stepSummary);
  }
  return written;
}
