/** The progress line's ETA: planned windows plus the overhead per run measured so far (a fake clock). */
import { describe, expect, it } from 'vitest';
import { etaSeconds, formatDuration, GUESSED_OVERHEAD_S, Progress } from '../../bench/progress.js';
import type { RunRecord } from '../../bench/types.js';

function sink(): { out: NodeJS.WritableStream; text: () => string } {
  let buffer = '';
  return { out: { write: (chunk: string) => ((buffer += chunk), true) } as unknown as NodeJS.WritableStream, text: () => buffer };
}

const record = { state: 'ok', reasons: [] } as unknown as RunRecord;

describe('Progress', () => {
  it('estimates from the plan before any run finished, then from the measured overhead per run', () => {
    let nowMs = 0;
    const { out, text } = sink();
    // 4 runs of 1.5 s (0.5 s warm-up + 1 s window).
    const progress = new Progress(4, out, [1.5, 1.5, 1.5, 1.5], () => nowMs);
    progress.start('a', 1, 2);
    expect(progress.etaS()).toBe(4 * (1.5 + GUESSED_OVERHEAD_S)); // the guessed overhead
    expect(text()).toContain(`[1/4] a (rep 1/2, 3 left, ~${formatDuration(4 * (1.5 + GUESSED_OVERHEAD_S))} to go)`);
    nowMs += 4_000; // this run took 4 s: 2.5 s of overhead
    progress.finish(record);
    expect(progress.etaS()).toBe(3 * (1.5 + 2.5));
    progress.start('b', 1, 2);
    nowMs += 2_000; // 0.5 s of overhead: the mean is now 1.5 s
    progress.finish(record);
    expect(progress.etaS()).toBe(2 * (1.5 + 1.5));
  });

  it('without planned windows, extrapolates the elapsed time', () => {
    let nowMs = 0;
    const progress = new Progress(3, sink().out, undefined, () => nowMs);
    expect(progress.etaS()).toBeNaN();
    progress.start('a', 1, 1);
    nowMs += 10_000;
    progress.finish(record);
    expect(progress.etaS()).toBe(20);
  });

  it('formats durations', () => {
    expect(formatDuration(59.6)).toBe('1m00s');
    expect(formatDuration(125)).toBe('2m05s');
    expect(formatDuration(7)).toBe('7s');
    expect(formatDuration(NaN)).toBe('?');
    expect(etaSeconds([1, 2], 0.5)).toBe(4);
  });
});
