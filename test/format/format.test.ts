/** The one number format of every output (bench/format), pinned: a change here is a change of every report. */
import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCi,
  formatConnections,
  formatFixed,
  formatMs,
  formatNumber,
  formatP,
  formatParams,
  formatPct,
  formatRange,
  formatRatio,
  formatRps,
  formatSigned,
  formatUs,
  formatWithInterval,
  groupThousands,
  roundTo,
  textTable,
  vegaBytesLabelExpr,
} from '../../bench/format/index.js';

const table = (format: (x: number) => string, inputs: number[]) => inputs.map((x) => `${x} → ${format(x)}`).join('\n');

describe('bench/format', () => {
  it('numbers: 3 significant digits below 1,000, grouped integers from 1,000, no locale', () => {
    expect(table(formatNumber, [0, 0.0423, 0.1 + 0.2, 9.7, 19.84, 104.4, 999.4, 1234.5, 12_400, 98_765_432, -1234, Number.NaN, Infinity])).toMatchInlineSnapshot(`
      "0 → 0
      0.0423 → 0.0423
      0.30000000000000004 → 0.3
      9.7 → 9.7
      19.84 → 19.8
      104.4 → 104
      999.4 → 999
      1234.5 → 1,235
      12400 → 12,400
      98765432 → 98,765,432
      -1234 → -1,234
      NaN → NaN
      Infinity → Infinity"
    `);
    expect(table(groupThousands, [999, 1000, 1_234_567.6, -9876])).toMatchInlineSnapshot(`
      "999 → 999
      1000 → 1,000
      1234567.6 → 1,234,568
      -9876 → -9,876"
    `);
    expect(table((x) => formatFixed(x, 2), [0, 0.005, 12_400.456, -3.14159, -0.001])).toMatchInlineSnapshot(`
      "0 → 0.00
      0.005 → 0.01
      12400.456 → 12,400.46
      -3.14159 → -3.14
      -0.001 → 0.00"
    `);
    expect(table((x) => formatSigned(x, 1), [0, 2.25, -2.25, -0.01, 1234.5])).toMatchInlineSnapshot(`
      "0 → +0.0
      2.25 → +2.3
      -2.25 → -2.3
      -0.01 → +0.0
      1234.5 → +1,234.5"
    `);
    expect(roundTo(19.650000000001, 2)).toBe(19.65);
  });

  it('durations: ms below one second, s from one second', () => {
    expect(table(formatMs, [0.42, 57.2, 104, 999, 1000, 5074, 12_345])).toMatchInlineSnapshot(`
      "0.42 → 0.42 ms
      57.2 → 57.2 ms
      104 → 104 ms
      999 → 999 ms
      1000 → 1 s
      5074 → 5.07 s
      12345 → 12.3 s"
    `);
    expect(table(formatUs, [3.21, 1234])).toMatchInlineSnapshot(`
      "3.21 → 3.21 µs
      1234 → 1,234 µs"
    `);
  });

  it('bytes: binary units with IEC names', () => {
    expect(table(formatBytes, [0, 420, 1023, 1024, 1536, 2_500_000, 41_000_000, 8_954_000_000])).toMatchInlineSnapshot(`
      "0 → 0 B
      420 → 420 B
      1023 → 1,023 B
      1024 → 1 KiB
      1536 → 1.5 KiB
      2500000 → 2.38 MiB
      41000000 → 39.1 MiB
      8954000000 → 8.34 GiB"
    `);
    expect(vegaBytesLabelExpr()).toMatchInlineSnapshot(`"datum.value >= 1073741824 ? format(datum.value / 1073741824, '.3~r') + ' GiB' : datum.value >= 1048576 ? format(datum.value / 1048576, '.3~r') + ' MiB' : datum.value >= 1024 ? format(datum.value / 1024, '.3~r') + ' KiB' : format(datum.value, '.3~r') + ' B'"`);
  });

  it('ratios: one symbol, ×; percentages; p-values', () => {
    expect(table(formatRatio, [1, 1.8634, 9.7, 37.49, 99.4, 262.6, 97_619, Infinity])).toMatchInlineSnapshot(`
      "1 → 1×
      1.8634 → 1.86×
      9.7 → 9.7×
      37.49 → 37.5×
      99.4 → 99.4×
      262.6 → 263×
      97619 → 97,600×
      Infinity → ∞×"
    `);
    expect(table(formatPct, [0.05, 0.025, 0.977, 1])).toMatchInlineSnapshot(`
      "0.05 → 5%
      0.025 → 2.5%
      0.977 → 97.7%
      1 → 100%"
    `);
    expect(table((x) => formatPct(x, 1), [0.0093, 0.977])).toMatchInlineSnapshot(`
      "0.0093 → 0.9%
      0.977 → 97.7%"
    `);
    expect(table(formatP, [0.0004, 0.012, 0.949])).toMatchInlineSnapshot(`
      "0.0004 → p<0.001
      0.012 → p=0.012
      0.949 → p=0.949"
    `);
  });

  it('ranges and intervals: an en dash, "to" when a bound has a sign, [low–high] after the estimate', () => {
    expect(formatRange(9.4, 10.04)).toMatchInlineSnapshot(`"9.4–10"`);
    expect(formatRange(-0.31, 0.12)).toMatchInlineSnapshot(`"-0.31 to 0.12"`);
    expect(formatRange(0.012, 0.04, (x) => formatSigned(x, 3))).toMatchInlineSnapshot(`"+0.012 to +0.040"`);
    expect(formatCi(1.71, 1.98, 'ratio of geometric means')).toMatchInlineSnapshot(`"95% CI of the ratio of geometric means 1.71–1.98"`);
    expect(formatCi(0.9, 1.1, undefined, 0.9)).toMatchInlineSnapshot(`"90% CI 0.9–1.1"`);
    expect(formatWithInterval(9882.3, { low: 9654.4, high: 10_110 })).toMatchInlineSnapshot(`"9,882 [9,654–10,110]"`);
    expect(formatWithInterval(19.6, undefined)).toMatchInlineSnapshot(`"19.6 (1 run, no CI)"`);
  });

  it('labels: req/s, connections, parameters', () => {
    expect([formatRps(1961.6), formatConnections(1), formatConnections(10_000), formatParams({ sleepMs: 50, cpuMs: 20 }), formatParams({ b: 1, a: 'x' }, ', ')]).toMatchInlineSnapshot(`
      [
        "1,962 req/s",
        "1 connection",
        "10,000 connections",
        "cpuMs=20;sleepMs=50",
        "a=x, b=1",
      ]
    `);
  });

  it('a text table: left-aligned text, right-aligned figures, no trailing blanks', () => {
    expect('\n' + textTable(['name', 'kind', 'value'], [['a', 'long kind', formatMs(0.42)], ['longer name', 'k', formatMs(5074)]], { leftColumns: 2 })).toMatchInlineSnapshot(`
      "
      name         kind         value
      -----------  ---------  -------
      a            long kind  0.42 ms
      longer name  k           5.07 s"
    `);
  });
});
