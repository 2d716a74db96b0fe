/** Shows which run is going, how many remain and an estimate of the time left (stderr). */
import type { RunRecord } from './types.js';

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return m > 0 ? `${m}m${String(s).padStart(2, '0')}s` : `${s}s`;
}

export class Progress {
  private done = 0;
  private readonly startedMs = Date.now();

  constructor(
    private readonly total: number,
    private readonly out: NodeJS.WritableStream = process.stderr,
  ) {}

  start(label: string, repetition: number, repetitions: number): void {
    const width = String(this.total).length;
    const elapsedS = (Date.now() - this.startedMs) / 1000;
    const etaS = this.done > 0 ? (elapsedS / this.done) * (this.total - this.done) : NaN;
    this.out.write(
      `[${String(this.done + 1).padStart(width)}/${this.total}] ${label} (rep ${repetition}/${repetitions}, ${this.total - this.done - 1} left, ~${formatDuration(etaS)} to go) ... `,
    );
  }

  finish(record: RunRecord): void {
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
