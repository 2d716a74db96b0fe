/**
 * The wrk output parser against outputs captured from wrk 4.1.0 (Debian) on loopbench's
 * own servers: ms / us / s units, a plain run without our Lua summary line, socket
 * timeouts, and a run whose every answer was a 404 ("Non-2xx or 3xx responses").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cpuTicksFromStat, parseWrkMetric, parseWrkOutput, parseWrkTime, wrkClientFigures } from '../../bench/tools/peer/wrk-output.js';
import { wrkLuaScript } from '../../bench/tools/peer/wrk-driver.js';

const fixture = (name: string) => readFileSync(join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures', name), 'utf8');

describe('wrk units', () => {
  it('converts us, ms, s, m and h to ms', () => {
    expect(parseWrkTime('277.21us')).toBeCloseTo(0.27721, 9);
    expect(parseWrkTime('0.86ms')).toBe(0.86);
    expect(parseWrkTime('1.21s')).toBe(1210);
    expect(parseWrkTime('1.50m')).toBe(90_000);
    expect(parseWrkTime('1.00h')).toBe(3_600_000);
    expect(parseWrkTime('-nan%')).toBeNaN();
  });
  it('reads metrics with k / M suffixes', () => {
    expect(parseWrkMetric('53.34k')).toBeCloseTo(53_340, 6);
    expect(parseWrkMetric('24.25')).toBe(24.25);
    expect(parseWrkMetric('1.5M')).toBe(1_500_000);
  });
  it('reads utime + stime from a /proc stat line whose comm has spaces', () => {
    const line = '42 (my (odd) wrk) R 1 42 1 0 -1 4194304 904 0 1 0 31 132 0 0 20 0 1 0 146883';
    expect(cpuTicksFromStat(line)).toBe(163);
    expect(cpuTicksFromStat('garbage')).toBeUndefined();
  });
});

describe('parseWrkOutput', () => {
  it('plain output (no Lua summary): us in stdev, ms percentiles, max stands in for p99.9', () => {
    const out = parseWrkOutput(fixture('noop-static-plain.txt'));
    expect(out.threads).toBe(1);
    expect(out.connections).toBe(50);
    expect(out.latencyAvgMs).toBe(0.95);
    expect(out.latencyStdevMs).toBeCloseTo(0.27721, 9);
    expect(out.latencyMaxMs).toBe(10.59);
    expect(out.percentilesMs).toEqual({ '50': 0.86, '75': 0.94, '90': 1.19, '99': 2.1 });
    expect(out.requests).toBe(158975);
    expect(out.durationS).toBe(3);
    expect(out.requestsPerS).toBe(52973.87);
    expect(out.socketErrors).toEqual({ connect: 0, read: 0, write: 0, timeout: 0 });
    expect(out.non2xx).toBe(0);
    expect(out.summary).toBeUndefined();

    const c = wrkClientFigures(out);
    expect(c.requests).toBe(158975);
    expect(c.durationS).toBe(3);
    expect(c.rps).toBeCloseTo(158975 / 3, 6);
    expect(c.latencyMs).toEqual({ mean: 0.95, p50: 0.86, p90: 1.19, p99: 2.1, p999: 10.59, max: 10.59 });
    expect(c.p75Ms).toBe(0.94);
    expect(c).toMatchObject({ errors: 0, timeouts: 0, non2xx: 0, wrongBodies: 0 });
  });

  it('with the Lua summary line: exact µs percentiles, duration and wrk CPU ticks win over the text', () => {
    const out = parseWrkOutput(fixture('sleep-20ms-fresh-id.txt'));
    expect(out.percentilesMs['50']).toBe(23.43);
    expect(out.requests).toBe(5479);
    expect(out.durationS).toBeCloseTo(3.04, 9);
    expect(out.summary).toEqual({
      latencyUs: { mean: 27812.382, p50: 23435, p75: 30324, p90: 39853, p99: 73908, p999: 85232, max: 85323 },
      requests: 5479,
      durationUs: 3044704,
      status: 0,
      cpuTicks: 3 + 6,
    });
    const c = wrkClientFigures(out);
    expect(c.durationS).toBe(3.044704);
    expect(c.rps).toBeCloseTo(5479 / 3.044704, 9);
    expect(c.latencyMs).toEqual({ mean: expect.closeTo(27.812382, 9), p50: 23.435, p90: 39.853, p99: 73.908, p999: 85.232, max: 85.323 });
    expect(c.p75Ms).toBe(30.324);
  });

  it('seconds as the unit (trailing blanks after "s")', () => {
    const out = parseWrkOutput(fixture('sleep-1200ms-seconds.txt'));
    expect(out.latencyAvgMs).toBe(1220);
    expect(out.latencyStdevMs).toBe(18.8);
    expect(out.latencyMaxMs).toBe(1250);
    expect(out.percentilesMs).toEqual({ '50': 1210, '75': 1240, '90': 1240, '99': 1250 });
    expect(out.requests).toBe(30);
    expect(out.durationS).toBeCloseTo(4.05, 9);
    expect(out.requestsPerS).toBe(7.41);
    expect(wrkClientFigures(out).latencyMs.p50).toBe(1207.397);
  });

  it('socket timeouts: counted, and the timed-out answers are not counted as served', () => {
    const out = parseWrkOutput(fixture('timeouts.txt'));
    expect(out.latencyAvgMs).toBe(0);
    expect(out.percentilesMs['99']).toBe(0);
    expect(out.socketErrors).toEqual({ connect: 0, read: 0, write: 0, timeout: 30 });
    const c = wrkClientFigures(out);
    expect(c.timeouts).toBe(30);
    expect(c.errors).toBe(0);
    expect(c.requests).toBe(0);
    expect(c.rps).toBe(0);
  });

  it('Non-2xx answers: counted and left out of the served requests', () => {
    const out = parseWrkOutput(fixture('noop-404-non2xx.txt'));
    expect(out.non2xx).toBe(30998);
    expect(out.requests).toBe(30998);
    expect(out.requestsPerS).toBe(10213.83);
    expect(out.percentilesMs['99']).toBe(120.14);
    expect(out.summary?.status).toBe(30998);
    const c = wrkClientFigures(out);
    expect(c.non2xx).toBe(30998);
    expect(c.requests).toBe(0);
    expect(c.latencyMs.p99).toBe(120.142);
  });

  it('rejects output without a result (wrk failed or was killed)', () => {
    expect(() => parseWrkOutput('unable to connect to 127.0.0.1:1 Connection refused\n')).toThrow(/no "Requests\/sec" line/);
    expect(() => parseWrkOutput(fixture('sleep-20ms-fresh-id.txt').split('Requests/sec')[0]!)).toThrow();
  });
});

describe('wrkLuaScript', () => {
  it('gives a fresh id per request from firstId, or none for the static diagnostic', () => {
    const fresh = wrkLuaScript('/work?id=', 7, false);
    expect(fresh).toContain('local prefix = "/work?id="');
    expect(fresh).toContain('local id = 6');
    expect(fresh).toMatch(/request = function\(\)/);
    expect(fresh).toContain('done = function');
    const fixed = wrkLuaScript('/work?id=', 1, true);
    expect(fixed).not.toMatch(/^request = function/m);
    expect(fixed).toContain('done = function');
  });
  it('escapes quotes and refuses non-printable paths', () => {
    expect(wrkLuaScript('/a"b\\c?id=', 1, false)).toContain('local prefix = "/a\\"b\\\\c?id="');
    expect(() => wrkLuaScript('/work\n?id=', 1, false)).toThrow(/printable/);
  });
});
