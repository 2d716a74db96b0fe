import { describe, expect, it } from 'vitest';
import { parseBenchOptions } from '../../bench/options.js';
import { UsageError } from '../../bench/errors.js';
import { arrivalOffsetsMs } from '../../bench/drivers/open-model/arrival-schedule.js';
import { parseStartAt, segmentConnections } from '../../bench/segment.js';

describe('segment split of an arrival schedule', () => {
  for (const arrival of ['uniform', 'poisson'] as const) {
    for (const n of [1, 2, 3, 4, 5, 7]) {
      it(`${arrival}, n=${n}: disjoint segments whose union is the full schedule`, () => {
        const full = arrivalOffsetsMs({ ratePerS: 997, arrival }, 2000);
        const parts = Array.from({ length: n }, (_, i) => arrivalOffsetsMs({ ratePerS: 997, arrival, segment: { index: i + 1, count: n } }, 2000));
        const union = parts.flat().sort((a, b) => a - b);
        expect(union).toEqual(full);
        expect(new Set(union).size).toBe(full.length);
        // Exact shares: floor or ceil of full / n.
        for (const p of parts) expect([Math.floor(full.length / n), Math.ceil(full.length / n)]).toContain(p.length);
        // Segment i holds arrivals i-1, i-1+n, ... of the full schedule.
        parts.forEach((p, i) => p.forEach((offset, k) => expect(offset).toBe(full[i + k * n])));
      });
    }
  }
});

describe('segment split of closed-model connections', () => {
  it('floor/ceil shares that sum to C', () => {
    for (const c of [1, 2, 3, 10, 99, 100, 1001]) {
      for (const n of [1, 2, 3, 4, 5, 7]) {
        const shares = Array.from({ length: n }, (_, i) => segmentConnections(c, { index: i + 1, count: n }));
        expect(shares.reduce((a, b) => a + b, 0)).toBe(c);
        expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('--segment and --start-at flags', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');
  it('reads ISO and epoch ms; refuses malformed, past and far-future times', () => {
    expect(parseStartAt('2026-01-01T12:00:30Z', now)).toBe(now + 30_000);
    expect(parseStartAt(String(now + 5000), now)).toBe(now + 5000);
    expect(() => parseStartAt('tomorrow', now)).toThrow(/cannot read/);
    expect(() => parseStartAt('2026-01-01T12:00:30', now)).toThrow(UsageError);
    expect(() => parseStartAt('2026-01-01T11:59:00Z', now)).toThrow(/60.0 s in the past/);
    expect(() => parseStartAt(String(Math.floor(now / 1000) + 30), now)).toThrow(UsageError);
    expect(() => parseStartAt('2026-01-03T12:00:00Z', now)).toThrow(/24 h ahead/);
  });

  it('--segment needs --target and a valid i/n', () => {
    expect(() => parseBenchOptions(['--segment', '1/2'])).toThrow(/needs --target/);
    expect(parseBenchOptions(['--segment', '2/2', '--target', 'http://127.0.0.1:1/']).segment).toEqual({ index: 2, count: 2 });
    expect(() => parseBenchOptions(['--segment', '3/2', '--target', 'http://127.0.0.1:1/'])).toThrow(UsageError);
  });
});
