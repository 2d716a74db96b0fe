/**
 * The per-run figures claims compare (one value per run: a sample is a run), and how
 * evidence prints numbers. Units are converted here and nowhere else.
 */
import type { RunRecord } from '../types.js';
import type { Figure } from './types.js';

const BYTES_PER_MB = 1e6;

interface FigureSpec {
  /** One value of this run, or undefined when the run did not measure it. */
  of(run: RunRecord): number | undefined;
  /** The value with its unit, e.g. `1,950 req/s`, `p99 104 ms`. */
  show(value: number): string;
  higherIsBetter: boolean;
}

export const figures: Record<Figure, FigureSpec> = {
  rps: { of: (r) => r.client?.rps, show: (v) => `${fmtNumber(v)} req/s`, higherIsBetter: true },
  latencyP50Ms: { of: (r) => r.client?.latencyMs.p50, show: (v) => `p50 ${fmtMs(v)}`, higherIsBetter: false },
  latencyP99Ms: { of: (r) => r.client?.latencyMs.p99, show: (v) => `p99 ${fmtMs(v)}`, higherIsBetter: false },
  probeP99Ms: { of: (r) => r.probe?.latencyMs.p99, show: (v) => `cheap-route p99 ${fmtMs(v)}`, higherIsBetter: false },
  loopDelayP99Ms: { of: (r) => r.server?.telemetry?.eventLoopDelayMs.p99, show: (v) => `loop delay p99 ${fmtMs(v)}`, higherIsBetter: false },
  rssPeakMb: { of: (r) => (r.server ? r.server.rssPeakBytes / BYTES_PER_MB : undefined), show: (v) => `${fmtNumber(v)} MB RSS`, higherIsBetter: false },
  rpsPerMb: {
    of: (r) => (r.client && r.server && r.server.rssPeakBytes > 0 ? r.client.rps / (r.server.rssPeakBytes / BYTES_PER_MB) : undefined),
    show: (v) => `${fmtNumber(v)} req/s per MB`,
    higherIsBetter: true,
  },
  cpuMsPerRequest: {
    of: (r) => {
      const answered = (r.client?.requests ?? 0) + (r.probe?.requests ?? 0);
      return r.server && answered > 0 ? (r.server.cpuS * 1000) / answered : undefined;
    },
    show: (v) => `${fmtNumber(v)} ms CPU/request`,
    higherIsBetter: false,
  },
  efficiency: { of: (r) => r.ideal?.efficiency, show: (v) => `efficiency ${fmtNumber(v)}`, higherIsBetter: true },
};

/** The figure of one run, when it is a finite, non-negative number. */
export function figureOf(run: RunRecord, figure: Figure): number | undefined {
  const value = figures[figure].of(run);
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** 3 significant digits, thousands separated, no trailing zeros: 0.0423, 9.7, 104, 1,950, 12,400. */
export function fmtNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return String(Number(value.toPrecision(3)));
}

/** A duration given in ms: `0.42 ms`, `104 ms`, `5.1 s`. */
export function fmtMs(ms: number): string {
  if (ms >= 1000) return `${Number((ms / 1000).toPrecision(2 + (ms >= 10_000 ? 1 : 0)))} s`;
  return `${fmtNumber(ms)} ms`;
}

/** Bytes: `184 B`, `9.8 kB`, `1.2 MB`. */
export function fmtBytes(bytes: number): string {
  if (bytes >= 1e6) return `${fmtNumber(bytes / 1e6)} MB`;
  if (bytes >= 1e3) return `${fmtNumber(bytes / 1e3)} kB`;
  return `${fmtNumber(bytes)} B`;
}

/** A ratio: `9.7x`. */
export function fmtRatio(ratio: number): string {
  return `${fmtNumber(ratio)}x`;
}

/** A 95% interval, saying what it is an interval of: `95% CI of the ratio of geometric means 9.4-10`. */
export function fmtCi(low: number, high: number, of?: string, level = 0.95): string {
  return `${Math.round(level * 100)}% CI${of ? ` of the ${of}` : ''} ${fmtNumber(low)}-${fmtNumber(high)}`;
}
