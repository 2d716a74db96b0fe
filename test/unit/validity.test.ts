import { describe, expect, it } from 'vitest';
import { invalidReasons } from '../../bench/run/validity.js';
import { isLoopbackHost, parseTarget } from '../../bench/target-options.js';
import { UsageError } from '../../bench/errors.js';
import type { ClientFigures } from '../../bench/types.js';

function client(overrides: Partial<ClientFigures> = {}): ClientFigures {
  return {
    requests: 10_000,
    durationS: 5,
    rps: 2000,
    latencyMs: { mean: 1, p50: 1, p90: 1, p99: 2, p999: 3, max: 4 },
    errors: 0,
    timeouts: 0,
    non2xx: 0,
    wrongBodies: 0,
    ...overrides,
  };
}

describe('run validity', () => {
  it('a clean run is valid', () => {
    expect(invalidReasons(client(), 40)).toEqual([]);
  });

  it('failed or wrong answers above 0.1% make a run invalid, below do not', () => {
    expect(invalidReasons(client({ wrongBodies: 10 }), 40)).toEqual([]);
    const reasons = invalidReasons(client({ wrongBodies: 12, firstWrongBody: 'value missing' }), 40);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/12 wrong bodies \(first: value missing\)/);
    expect(invalidReasons(client({ timeouts: 20, non2xx: 5 }), 40)[0]).toMatch(/20 timeouts, 5 non-2xx/);
  });

  it('a saturated load generator makes the run invalid with that reason', () => {
    expect(invalidReasons(client(), 95)).toEqual([expect.stringMatching(/load generator saturated: 95% of a core/)]);
  });

  it('an open-model run below the requested rate is invalid', () => {
    expect(invalidReasons(client({ requestedRatePerS: 2100 }), 40)[0]).toMatch(/below the requested 2100\/s/);
    expect(invalidReasons(client({ requestedRatePerS: 2020 }), 40)).toEqual([]);
  });

  it('a run with no answer is invalid', () => {
    expect(invalidReasons(client({ requests: 0, rps: 0 }), 1)).toContain('load: no request answered');
  });
});

describe('external targets', () => {
  it('accepts loopback only unless remote is allowed, with a warning', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('127.3.2.1')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('192.168.1.2')).toBe(false);
    const warnings: string[] = [];
    expect(() => parseTarget({ target: 'http://10.1.2.3/', allowRemote: false }, (m) => warnings.push(m))).toThrow(/--allow-remote/);
    const target = parseTarget({ target: 'http://10.1.2.3/x', allowRemote: true, expectStatus: '204' }, (m) => warnings.push(m));
    expect(target).toEqual({ url: 'http://10.1.2.3/x', expectStatus: 204 });
    expect(warnings[0]).toMatch(/WARNING/);
  });

  it('rejects bad URLs and statuses with the flag named', () => {
    expect(() => parseTarget({ target: 'not a url', allowRemote: false }, () => {})).toThrow(UsageError);
    expect(() => parseTarget({ target: 'https://127.0.0.1/', allowRemote: false }, () => {})).toThrow(/only http/);
    expect(() => parseTarget({ target: 'http://127.0.0.1/', allowRemote: false, expectStatus: '99' }, () => {})).toThrow(/--expect-status/);
  });
});
