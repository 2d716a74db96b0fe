import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseBenchOptions, parseSlowdownPct } from '../../bench/options.js';
import { withInjectedSlowdown } from '../../servers/route.js';
import type { Handler } from '../../servers/strategies/types.js';

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // the handler's own loop time
  }
}

describe('--inject-slowdown', () => {
  it('parses 10% and 10, and rejects values outside 0-1000%', () => {
    expect(parseSlowdownPct('10%')).toBe(10);
    expect(parseSlowdownPct('2.5')).toBe(2.5);
    expect(parseSlowdownPct(undefined)).toBe(0);
    for (const bad of ['-1%', '1001%', 'ten', '', '%']) expect(() => parseSlowdownPct(bad)).toThrow(/0% to 1000%/);
    expect(parseBenchOptions(['--inject-slowdown', '20%']).injectSlowdownPct).toBe(20);
    expect(parseBenchOptions([]).injectSlowdownPct).toBe(0);
  });

  afterEach(() => vi.restoreAllMocks());

  it('adds busy work of PCT% of the time the handler held the event loop (on a fake clock: exact)', async () => {
    // The clock moves only when the code reads it (a tick per read) or the handler "works",
    // so the injected share is checked exactly, whatever else the machine is doing.
    let clockMs = 1000;
    let reads = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => {
      reads++;
      return (clockMs += 0.001);
    });
    const handler: Handler = async (req) => {
      clockMs += 20;
      return { workload: 'cpu', id: req.id, value: 'x' };
    };
    const t0 = performance.now();
    await withInjectedSlowdown(handler, 50)({ id: 1 });
    const slowedMs = performance.now() - t0;
    expect(slowedMs).toBeGreaterThanOrEqual(30);
    expect(slowedMs).toBeLessThan(30.1);
    // The 10 ms were spent spinning (reading the clock), not waiting for a timer.
    expect(reads).toBeGreaterThan(1000);
    expect(withInjectedSlowdown(handler, 0)).toBe(handler);
  });

  it('spins for real: a wall-clock lower bound (a busy machine can only make it longer)', async () => {
    const handler: Handler = async (req) => {
      busy(20);
      return { workload: 'cpu', id: req.id, value: 'x' };
    };
    const t0 = performance.now();
    await withInjectedSlowdown(handler, 50)({ id: 1 });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(29.5);
  });
});
