/**
 * How figures are printed in reports and chart titles, in one place. Locale-free (no
 * toLocaleString) so every machine prints the same bytes. MB = 1,000,000 bytes.
 */

const BYTES_PER_MB = 1_000_000;

/** `12345.6` → `12,346`; `19.84` → `19.8`; `1.234` → `1.23` (3 significant figures below 1,000). */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) >= 1000) return groupThousands(Math.round(x));
  if (x === 0) return '0';
  return String(Number(x.toPrecision(3)));
}

function groupThousands(n: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Requests per second: `1,962 req/s`. */
export function formatRps(rps: number): string {
  return `${formatNumber(rps)} req/s`;
}

/** Milliseconds as `0.42 ms`, `57.2 ms`, or `5.07 s` from one second up. */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${formatNumber(ms / 1000)} s` : `${formatNumber(ms)} ms`;
}

/** Bytes as `420 B`, `1.2 KB`, `9.6 MB`, `8.34 GB`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1000 * BYTES_PER_MB) return `${formatNumber(bytes / 1000 / BYTES_PER_MB)} GB`;
  if (bytes >= BYTES_PER_MB) return `${formatNumber(bytes / BYTES_PER_MB)} MB`;
  if (bytes >= 1000) return `${formatNumber(bytes / 1000)} KB`;
  return `${formatNumber(bytes)} B`;
}

export function bytesToMb(bytes: number): number {
  return bytes / BYTES_PER_MB;
}

/** A ratio as `1.86×`, `99×`, `98,000×` (three significant figures below 10, two above 100). */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return '∞×';
  if (ratio >= 100) return `${groupThousands(Number(ratio.toPrecision(2)))}×`;
  return ratio >= 10 ? `${Math.round(ratio)}×` : `${Number(ratio.toPrecision(3))}×`;
}

/** A fraction as a percentage: `0.977` → `98%`; with `digits` = 1, `0.0093` → `0.9%`. */
export function formatPct(fraction: number, digits = 0): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** `1000` → `1,000 connections`; `1` → `1 connection`. */
export function formatConnections(connections: number): string {
  return `${groupThousands(connections)} connection${connections === 1 ? '' : 's'}`;
}

/** Workload parameters as `sleepMs=50;cpuMs=20`, keys sorted so the text is stable. */
export function formatParams(params: Record<string, unknown>, separator = ';'): string {
  return Object.keys(params)
    .sort()
    .map((key) => `${key}=${String(params[key])}`)
    .join(separator);
}

/** Round to `digits` decimals, dropping float noise (`19.650000000001` → `19.65`). */
export function roundTo(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
