import { describe, expect, it } from 'vitest';
import { coresBusyUntil } from '../../bench/run/proc-tree.js';

/** Readings of a tree that burns `cores` CPU seconds per wall second, every `stepMs`, from t = 0. */
function steady(cores: number, stepMs: number, count: number): { atMs: number; cpuS: number }[] {
  return Array.from({ length: count }, (_, i) => ({ atMs: i * stepMs, cpuS: 5 + (cores * i * stepMs) / 1000 }));
}

describe('cores busy over a window (TreeMonitor)', () => {
  it('is the CPU seconds per wall second from the first reading to the window end', () => {
    expect(coresBusyUntil(steady(1.9, 100, 20), 1000)).toBeCloseTo(1.9, 9);
    expect(coresBusyUntil(steady(1, 100, 20), 1500)).toBeCloseTo(1, 9);
  });

  it('interpolates the CPU at a window end between two readings', () => {
    // Readings at 0, 100, ... ; the window ends at 1050 ms, halfway between 1000 and 1100.
    expect(coresBusyUntil(steady(2, 100, 20), 1050)).toBeCloseTo(2, 9);
  });

  it('leaves out the CPU burnt after the window (the grace for requests still in flight)', () => {
    // One core for the 1 s window, then four cores for the grace (a pool draining its queue).
    const readings = [...steady(1, 100, 11)];
    for (let i = 1; i <= 5; i++) readings.push({ atMs: 1000 + i * 100, cpuS: readings[10]!.cpuS + 0.4 * i });
    expect(coresBusyUntil(readings, 1000)).toBeCloseTo(1, 9);
    const wholeSpanCores = (readings.at(-1)!.cpuS - readings[0]!.cpuS) / 1.5;
    expect(wholeSpanCores).toBeGreaterThan(1.9);
  });

  it('is undefined when the window end is not inside the readings', () => {
    const readings = steady(1, 100, 5);
    expect(coresBusyUntil(readings, 0)).toBeUndefined();
    expect(coresBusyUntil(readings, 401)).toBeUndefined();
    expect(coresBusyUntil([], 100)).toBeUndefined();
  });
});
