import { describe, expect, it } from 'vitest';
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

  it('adds busy work of PCT% of the time the handler held the event loop', async () => {
    const handler: Handler = async (req) => {
      busy(20);
      return { workload: 'cpu', id: req.id, value: 'x' };
    };
    const slowed = withInjectedSlowdown(handler, 50);
    const t0 = performance.now();
    await slowed({ id: 1 });
    const ms = performance.now() - t0;
    expect(ms).toBeGreaterThanOrEqual(29.5);
    expect(ms).toBeLessThan(45);
    expect(withInjectedSlowdown(handler, 0)).toBe(handler);
  });
});
