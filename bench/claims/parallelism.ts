/**
 * What C6, C10 and C11 share: the cores the machine delivered in this run (the
 * parallelism control, bench/run/parallelism-control.ts) and the speedup a parallel
 * strategy must reach to count as parallel.
 */
import { deliveredCoresText, formatCores, MIN_DELIVERED_CORES } from '../run/parallelism-control.js';
import type { ClaimJudging } from './judging.js';
import type { JudgeContext } from './types.js';

export interface DeliveredCores {
  /** Cores the machine delivered (median of the control's samples). */
  cores: number;
  /** The sentence naming them, for the evidence. */
  text: string;
  /** The cores as every text prints them (formatCores). */
  shown: string;
}

/**
 * The delivered cores, or undefined after recording why the claim cannot be judged: no
 * control in this run (results files older than it, or the control failed), or fewer
 * than 1.5 cores delivered (nothing parallel can show: a busy machine is a reason for
 * inconclusive, not evidence about threads or processes).
 */
export function deliveredCores(j: ClaimJudging, ctx: JudgeContext): DeliveredCores | undefined {
  const control = ctx.parallelism;
  if (!control) {
    j.part('undecided', 'no parallelism control in this run: the cores the machine delivered are unknown, and the core count alone cannot judge parallelism');
    return undefined;
  }
  const text = deliveredCoresText(control);
  if (control.deliveredCores < MIN_DELIVERED_CORES) {
    j.part('undecided', `${text}: fewer than ${MIN_DELIVERED_CORES}, so no parallel speedup could show in this run`);
    return undefined;
  }
  j.note(text);
  return { cores: control.deliveredCores, text, shown: formatCores(control.deliveredCores) };
}

/**
 * The speedup that separates "parallel" from "not parallel" on this run: K = min(pool
 * size, delivered cores) is what the machine allowed, 1 is none, and the threshold is the
 * midpoint of the two on the log scale, √K (the scale the tests work on: 1.41x for 2
 * cores, 1.34x for 1.8). A fixed arithmetic midpoint of the core count (1.5x) sat inside
 * the interval of a real 1.75x speedup measured in 3 one-second runs, so the verdict
 * flipped between idle runs; judged one-sided against √K of the delivered cores it does not.
 */
export function parallelThreshold(poolSize: number, delivered: number): { k: number; threshold: number; name: string } {
  // The delivered cores as printed (formatCores), so
  // that every threshold in the evidence can be recomputed from the figures shown.
  const k = Math.min(poolSize, Number(formatCores(delivered)));
  return { k, threshold: Math.sqrt(k), name: `the midpoint √${formatCores(k)}` };
}

/**
 * The smallest speedup that counts as a gain at all: 1 + 2 × the practical band (1.1x at
 * 5%), where compareSamples' "no clear difference" zone ends. A speedup whose one-sided
 * lower bound clears it is one no GIL, and no single event loop, could have produced.
 */
export function gainEdge(practicalBand: number): { ratio: number; name: string } {
  const ratio = 1 + 2 * practicalBand;
  return { ratio, name: `the gain edge 1 + 2 × ${Number((practicalBand * 100).toPrecision(3))}%` };
}
