/**
 * Shows which run is going, how many remain and an estimate of the time left (stderr).
 *
 * The ETA is known from the first run on: every planned run costs its warm-up and window
 * (from the plan) plus an overhead per run (server start, validation, stop). The overhead
 * starts as a guess and becomes the mean measured over the runs done so far, so the
 * estimate is not thrown off by the one-off work at suite start (calibration, the
 * harness ceiling, micro-benchmarks), which the naive elapsed/done × left would smear
 * over every remaining run.
 */
import type { RunRecord } from './types.js';

/** Server start, validation and stop, per run, before any run has been timed (the quick suite at 2 repetitions took ~3.5 min: under 1 s a run beyond its windows). */
export const GUESSED_OVERHEAD_S = 1;

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  if (s === 60) return `${m + 1}m00s`;
  return m > 0 ? `${m}m${String(s).padStart(2, '0')}s` : `${s}s`;
}

/** Seconds left: the planned windows of the remaining runs plus the overhead per run. */
export function etaSeconds(remainingWindowsS: readonly number[], overheadPerRunS: number): number {
  return remainingWindowsS.reduce((sum, w) => sum + w + overheadPerRunS, 0);
}

export class Progress {
  private done = 0;
  private runStartedMs: number | undefined;
  private overheadSumS = 0;
  private timedRuns = 0;

  /**
   * @param total runs planned
   * @param windowsS each planned run's warm-up + window in seconds, in run order (when
   *   known, the ETA is shown from the first run on; without it, from elapsed time)
   */
  constructor(
    private readonly total: number,
    private readonly out: NodeJS.WritableStream = process.stderr,
    private readonly windowsS?: readonly number[],
    private readonly nowMs: () => number = Date.now,
  ) {
    this.startedMs = this.nowMs();
  }

  private readonly startedMs: number;

  /** Estimated seconds left, including the run about to start. */
  etaS(): number {
    if (this.windowsS && this.windowsS.length === this.total) {
      const overhead = this.timedRuns > 0 ? this.overheadSumS / this.timedRuns : GUESSED_OVERHEAD_S;
      return etaSeconds(this.windowsS.slice(this.done), overhead);
    }
    const elapsedS = (this.nowMs() - this.startedMs) / 1000;
    return this.done > 0 ? (elapsedS / this.done) * (this.total - this.done) : NaN;
  }

  start(label: string, repetition: number, repetitions: number): void {
    const width = String(this.total).length;
    this.runStartedMs = this.nowMs();
    this.out.write(
      `[${String(this.done + 1).padStart(width)}/${this.total}] ${label} (rep ${repetition}/${repetitions}, ${this.total - this.done - 1} left, ~${formatDuration(this.etaS())} to go) ... `,
    );
  }

  finish(record: RunRecord): void {
    const window = this.windowsS?.[this.done];
    if (window !== undefined && this.runStartedMs !== undefined) {
      this.overheadSumS += Math.max(0, (this.nowMs() - this.runStartedMs) / 1000 - window);
      this.timedRuns++;
    }
    this.done++;
    const rps = record.client ? `${record.client.rps.toFixed(record.client.rps < 100 ? 1 : 0)} req/s, p99 ${record.client.latencyMs.p99.toFixed(1)} ms` : '';
    const efficiency = record.ideal ? `, eff ${record.ideal.efficiency.toFixed(2)}` : '';
    const reasons = record.reasons.length ? ` — ${record.reasons.join('; ')}` : '';
    this.out.write(`${record.state}${rps ? ': ' + rps : ''}${efficiency}${reasons}\n`);
  }

  note(message: string): void {
    this.out.write(`${message}\n`);
  }
}
