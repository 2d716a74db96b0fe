/**
 * What C6, C10 and C11 share: the cores the machine delivered in this run (the
 * parallelism control, bench/run/parallelism-control.ts) and the speedup a parallel
 * strategy must reach to count as parallel.
 */
import { deliveredCoresText, MIN_DELIVERED_CORES } from '../run/parallelism-control.js';
import type { ClaimJudging } from './judging.js';
import type { JudgeContext } from './types.js';

export interface DeliveredCores {
  /** Cores the machine delivered (median of the control's samples). */
  cores: number;
  /** The sentence naming them, for the evidence. */
  text: string;
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
  return { cores: control.deliveredCores, text };
}

/**
 * The speedup halfway between none (1x) and what the machine allowed: K = min(pool size,
 * delivered cores), midpoint 1 + (K − 1)/2.
 */
export function parallelMidpoint(poolSize: number, delivered: number): { k: number; mid: number } {
  const k = Math.min(poolSize, delivered);
  return { k, mid: 1 + (k - 1) / 2 };
}
