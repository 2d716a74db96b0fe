/**
 * Checks run at the start of a suite that say how far its figures can be trusted:
 * - the harness ceiling: the requests/s the load generator reaches against a noop server
 *   on this machine (cached for an hour per machine, Node version, commit and checkout); a scenario
 *   within 80% of it is limited by the harness, not by what it measures;
 * - the A/A check: the same scenario twice; the spread between the two is this machine's
 *   noise right now, and comparisons smaller than it cannot be told apart.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { packageRoot } from '../paths.js';
import { writeFileAtomic } from '../results/atomic-write.js';
import { closedLoad, defineScenario } from '../suites/scenario.js';
import type { MachineFacts, RunRecord } from '../types.js';
import { DEFAULT_CLOSED_DRIVER } from '../drivers/index.js';
import { runScenarioOnce, type RunContext } from './run-scenario.js';

export const CEILING_CACHE_TTL_MS = 60 * 60 * 1000;
const CEILING_RUNS = 3;

export interface HarnessCeiling {
  rps: number;
  measuredAt: string;
  cached: boolean;
  scenarioId: string;
  /** 1-minute load average when it was measured (a cached figure says under what load). */
  loadAverage1m?: number;
}

export interface NoiseCheck {
  scenarioId: string;
  rpsA: number;
  rpsB: number;
  /** |A - B| / mean(A, B). */
  spread: number;
  /** The practical band comparisons use (default 5%). */
  practicalBand: number;
  /** Spread beyond the band: small differences are `inconclusive` in this run. */
  tooNoisy: boolean;
}

const ceilingScenario = defineScenario({ workload: 'noop', strategy: 'async', load: closedLoad(64, 1.5, 0.5), tags: ['harness'] });
const aaScenario = defineScenario({ workload: 'noop', strategy: 'async', load: closedLoad(32, 2, 0.5), tags: ['harness'] });

/**
 * The cache key: machine, Node.js, commit, driver, and the checkout itself (its absolute
 * path, hashed): a fresh clone of the same commit on the same machine (the README's first
 * run) measures its own ceiling instead of reusing one measured by another checkout,
 * perhaps while the machine was busy.
 */
export function ceilingCacheKey(machine: Pick<MachineFacts, 'hostname' | 'cores' | 'nodeVersion' | 'gitCommit'>, driver: string, checkoutDir: string): string {
  const checkout = createHash('sha256').update(resolve(checkoutDir)).digest('hex').slice(0, 12);
  return `${machine.hostname}-${machine.cores}-${machine.nodeVersion}-${(machine.gitCommit ?? 'nogit').slice(0, 12)}-${driver}-${checkout}`.replace(/[^a-zA-Z0-9.-]/g, '_');
}

function cachePath(machine: MachineFacts, driver: string): string {
  const dir = join(process.env['XDG_CACHE_HOME'] ?? join(tmpdir(), 'loopbench-cache'));
  mkdirSync(dir, { recursive: true });
  return join(dir, `ceiling-${ceilingCacheKey(machine, driver, packageRoot())}.json`);
}

/**
 * The ceiling as the progress line and the notes say it: measured in this run, or a
 * cached figure with when and under what load it was measured (issue 10: no figure
 * measured elsewhere is shown as if it were this run's).
 */
export function ceilingText(ceiling: HarnessCeiling | { error: string }): string {
  if (!('rps' in ceiling)) return `harness ceiling: ${ceiling.error}`;
  const rps = `harness ceiling: ${ceiling.rps.toFixed(0)} req/s against noop`;
  if (!ceiling.cached) return `${rps} (measured now${ceiling.loadAverage1m !== undefined ? `, load ${ceiling.loadAverage1m.toFixed(2)}` : ''})`;
  const at = new Date(ceiling.measuredAt).toISOString().slice(11, 16);
  return `${rps} (cached, measured at ${at} UTC under load ${ceiling.loadAverage1m !== undefined ? ceiling.loadAverage1m.toFixed(2) : 'unknown'})`;
}

export async function harnessCeiling(machine: MachineFacts, ctx: RunContext): Promise<HarnessCeiling | { error: string }> {
  // The ceiling is the closed driver's: each driver has its own.
  const path = cachePath(machine, ctx.closedDriver ?? DEFAULT_CLOSED_DRIVER);
  if (existsSync(path)) {
    try {
      const cached = JSON.parse(readFileSync(path, 'utf8')) as HarnessCeiling;
      if (Date.now() - Date.parse(cached.measuredAt) < CEILING_CACHE_TTL_MS && cached.rps > 0) return { ...cached, cached: true };
    } catch {
      // a corrupt cache is measured again
    }
  }
  // A ceiling is a maximum: the best of a few short runs (interference only lowers it).
  let bestRps = 0;
  const reasons: string[] = [];
  for (let repetition = 1; repetition <= CEILING_RUNS; repetition++) {
    const run = await runScenarioOnce(ceilingScenario, repetition, ctx);
    if (run.client && run.state !== 'errored') bestRps = Math.max(bestRps, run.client.rps);
    else reasons.push(...run.reasons);
  }
  if (bestRps === 0) return { error: `ceiling runs failed: ${reasons.join('; ')}` };
  const ceiling: HarnessCeiling = { rps: bestRps, measuredAt: new Date().toISOString(), cached: false, scenarioId: ceilingScenario.id, loadAverage1m: loadavg()[0] ?? 0 };
  writeFileAtomic(path, JSON.stringify(ceiling));
  return ceiling;
}

export async function aaNoiseCheck(ctx: RunContext, practicalBand = 0.05): Promise<NoiseCheck | { error: string }> {
  const runs: RunRecord[] = [];
  for (const repetition of [1, 2]) runs.push(await runScenarioOnce(aaScenario, repetition, ctx));
  const [a, b] = runs.map((r) => r.client?.rps ?? NaN);
  if (!Number.isFinite(a) || !Number.isFinite(b) || runs.some((r) => r.state === 'errored')) {
    return { error: `A/A runs failed: ${runs.flatMap((r) => r.reasons).join('; ')}` };
  }
  const spread = Math.abs(a! - b!) / ((a! + b!) / 2);
  return { scenarioId: aaScenario.id, rpsA: a!, rpsB: b!, spread, practicalBand, tooNoisy: spread > practicalBand };
}
