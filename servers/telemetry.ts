import { monitorEventLoopDelay, performance, type EventLoopUtilization } from 'node:perf_hooks';
import type { ServerTelemetry } from './protocol.js';

const NS_PER_MS = 1e6;
/** The sampling timer's period. */
export const LOOP_SAMPLE_INTERVAL_MS = 10;

/**
 * How late the sampling timer woke, in ms, from what monitorEventLoopDelay records: the
 * whole interval between two of its timer's wake-ups (an idle loop records ~10 ms, not 0;
 * Node's own docs do not say so, fastify's under-pressure subtracts it the same way).
 * Python's lag monitor (servers/python/serve.py) reports lateness, so both runtimes'
 * figures mean the same thing: 0 on an idle loop, the blocked stretch on a blocked one.
 */
export function lateMsOf(intervalNs: number): number {
  return Number.isFinite(intervalNs) ? Math.max(0, intervalNs / NS_PER_MS - LOOP_SAMPLE_INTERVAL_MS) : 0;
}

/**
 * Measures this process's event-loop delay (perf_hooks.monitorEventLoopDelay, a 10 ms
 * timer; reported as how late it woke, see lateMsOf) and utilisation, over a window the
 * harness opens with `reset()` (after warm-up) and closes with `collect()`.
 */
export class LoopTelemetry {
  private readonly histogram = monitorEventLoopDelay({ resolution: LOOP_SAMPLE_INTERVAL_MS });
  /** The current second's delays: its p99 is kept and it is reset every second. */
  private readonly secondHistogram = monitorEventLoopDelay({ resolution: LOOP_SAMPLE_INTERVAL_MS });
  private perSecondP99Ms: (number | null)[] = [];
  private secondTimer: NodeJS.Timeout | undefined;
  private eluStart: EventLoopUtilization = performance.eventLoopUtilization();
  requestsServed = 0;

  constructor() {
    this.histogram.enable();
    this.secondHistogram.enable();
  }

  private resetAtMs = 0;

  /**
   * Ends the seconds that have passed since the last tick. A blocked loop ticks late: the
   * seconds it was blocked all get the delay measured over them, so the series stays on
   * the wall clock.
   */
  private closeSeconds(): void {
    const h = this.secondHistogram;
    // null: no sample in that stretch (the loop did not tick), not a delay of 0.
    const p99Ms = h.count > 0 && Number.isFinite(h.percentile(99)) ? lateMsOf(h.percentile(99)) : null;
    const passed = Math.floor((performance.now() - this.resetAtMs) / 1000);
    do this.perSecondP99Ms.push(p99Ms);
    while (this.perSecondP99Ms.length < passed);
    h.reset();
  }

  reset(): void {
    this.histogram.reset();
    this.secondHistogram.reset();
    this.perSecondP99Ms = [];
    clearInterval(this.secondTimer);
    this.resetAtMs = performance.now();
    this.secondTimer = setInterval(() => this.closeSeconds(), 1000);
    this.secondTimer.unref();
    this.eluStart = performance.eventLoopUtilization();
    this.requestsServed = 0;
  }

  collect(): ServerTelemetry {
    // The window's last (possibly partial) second, not yet closed by a tick. Seconds count
    // from the `reset` message's arrival, which a blocked loop receives late (by up to one
    // blocked stretch): the series is aligned with the client's to that precision.
    if (this.secondTimer && Math.ceil((performance.now() - this.resetAtMs) / 1000) > this.perSecondP99Ms.length) this.closeSeconds();
    const h = this.histogram;
    const hasSamples = h.count > 0;
    return {
      eventLoopDelayMs: {
        mean: hasSamples ? lateMsOf(h.mean) : 0,
        p50: hasSamples ? lateMsOf(h.percentile(50)) : 0,
        p90: hasSamples ? lateMsOf(h.percentile(90)) : 0,
        p99: hasSamples ? lateMsOf(h.percentile(99)) : 0,
        max: hasSamples ? lateMsOf(h.max) : 0,
      },
      eventLoopUtilization: performance.eventLoopUtilization(this.eluStart).utilization,
      requestsServed: this.requestsServed,
      serverProcesses: 1,
      ...(this.secondTimer ? { loopDelayP99MsPerSecond: [...this.perSecondP99Ms] } : {}),
    };
  }
}

/** Cluster: one figure for N processes. Delay: the worst process; utilisation: the mean. */
export function mergeTelemetry(parts: ServerTelemetry[]): ServerTelemetry {
  const n = Math.max(1, parts.length);
  const max = (pick: (t: ServerTelemetry) => number) => Math.max(0, ...parts.map(pick));
  const mean = (pick: (t: ServerTelemetry) => number) => parts.reduce((s, t) => s + pick(t), 0) / n;
  return {
    eventLoopDelayMs: {
      mean: mean((t) => t.eventLoopDelayMs.mean),
      p50: max((t) => t.eventLoopDelayMs.p50),
      p90: max((t) => t.eventLoopDelayMs.p90),
      p99: max((t) => t.eventLoopDelayMs.p99),
      max: max((t) => t.eventLoopDelayMs.max),
    },
    eventLoopUtilization: mean((t) => t.eventLoopUtilization),
    requestsServed: parts.reduce((s, t) => s + t.requestsServed, 0),
    serverProcesses: parts.length,
    ...perSecondWorst(parts),
  };
}

function perSecondWorst(parts: ServerTelemetry[]): Pick<ServerTelemetry, 'loopDelayP99MsPerSecond'> {
  const series = parts.map((t) => t.loopDelayP99MsPerSecond).filter((x): x is (number | null)[] => x !== undefined);
  if (series.length === 0) return {};
  const length = Math.max(...series.map((x) => x.length));
  const worst = (i: number) => {
    const values = series.map((x) => x[i]).filter((v): v is number => typeof v === 'number');
    return values.length > 0 ? Math.max(...values) : null;
  };
  return { loopDelayP99MsPerSecond: Array.from({ length }, (_, i) => worst(i)) };
}
