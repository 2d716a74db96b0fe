/**
 * The per-run figures claims compare (one value per run: a sample is a run), and how
 * evidence shows each (with bench/format, like every other output). Units are converted
 * here and nowhere else: memory figures are in MiB (the figure names say `Mb`; the types
 * are issue-10's file).
 */
import { BYTES_PER_MIB, formatMs, formatNumber, formatRps } from '../format/index.js';
import type { RunRecord } from '../types.js';
import type { Figure } from './types.js';

interface FigureSpec {
  /** One value of this run, or undefined when the run did not measure it. */
  of(run: RunRecord): number | undefined;
  /** The value with its unit, e.g. `1,950 req/s`, `p99 104 ms`. */
  show(value: number): string;
  higherIsBetter: boolean;
}

export const figures: Record<Figure, FigureSpec> = {
  rps: { of: (r) => r.client?.rps, show: formatRps, higherIsBetter: true },
  latencyP50Ms: { of: (r) => r.client?.latencyMs.p50, show: (v) => `p50 ${formatMs(v)}`, higherIsBetter: false },
  latencyP99Ms: { of: (r) => r.client?.latencyMs.p99, show: (v) => `p99 ${formatMs(v)}`, higherIsBetter: false },
  probeP99Ms: { of: (r) => r.probe?.latencyMs.p99, show: (v) => `cheap-route p99 ${formatMs(v)}`, higherIsBetter: false },
  loopDelayP99Ms: { of: (r) => r.server?.telemetry?.eventLoopDelayMs.p99, show: (v) => `loop delay p99 ${formatMs(v)}`, higherIsBetter: false },
  rssPeakMib: { of: (r) => (r.server ? r.server.rssPeakBytes / BYTES_PER_MIB : undefined), show: (v) => `${formatNumber(v)} MiB RSS`, higherIsBetter: false },
  rpsPerMib: {
    of: (r) => (r.client && r.server && r.server.rssPeakBytes > 0 ? r.client.rps / (r.server.rssPeakBytes / BYTES_PER_MIB) : undefined),
    show: (v) => `${formatNumber(v)} req/s per MiB`,
    higherIsBetter: true,
  },
  cpuMsPerRequest: {
    of: (r) => {
      const answered = (r.client?.requests ?? 0) + (r.probe?.requests ?? 0);
      if (!r.server || !r.client || answered === 0) return undefined;
      // The window's CPU over the window's answers; cpuS also holds the grace given to the
      // requests in flight at the window's end, whose answers `requests` does not count
      // (files older than coresBusy have only cpuS).
      const windowCpuS = r.server.coresBusy !== undefined ? r.server.coresBusy * r.client.durationS : r.server.cpuS;
      return (windowCpuS * 1000) / answered;
    },
    show: (v) => `${formatNumber(v)} ms CPU/request`,
    higherIsBetter: false,
  },
  coresBusy: { of: (r) => r.server?.coresBusy, show: (v) => `${formatNumber(v)} cores busy`, higherIsBetter: true },
  efficiency: { of: (r) => r.ideal?.efficiency, show: (v) => `efficiency ${formatNumber(v)}`, higherIsBetter: true },
};

/** The figure of one run, when it is a finite, non-negative number. */
export function figureOf(run: RunRecord, figure: Figure): number | undefined {
  const value = figures[figure].of(run);
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : undefined;
}
