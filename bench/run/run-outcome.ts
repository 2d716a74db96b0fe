/**
 * A run's outcome, built once at its end from what the steps found: the problems in the
 * order they were found and whatever was measured. The worst problem gives the state
 * (errored over invalid); no problem and a measurement make an `ok` run.
 */
import type { RunMeasurement, RunRecord } from '../types.js';

/** What every record of one run carries. */
export interface RunIdentity {
  runId: string;
  scenarioId: string;
  /** 1-based. */
  repetition: number;
  startedAt: string;
}

/** Something that keeps a run from being `ok`. */
export interface RunProblem {
  state: 'invalid' | 'errored';
  reason: string;
}

/** The record of a run from its problems and measurement (pure: the fake runner and merges use it too). */
export function runRecordOf(identity: RunIdentity, problems: readonly RunProblem[], measured?: Partial<RunMeasurement>, stderrTail?: string): RunRecord {
  const { runId, scenarioId, repetition, startedAt } = identity;
  const tail = stderrTail !== undefined ? { stderrTail } : {};
  if (problems.length === 0 && measured?.client) {
    return { runId, scenarioId, repetition, state: 'ok', reasons: [], startedAt, ...measured, client: measured.client, ...tail };
  }
  const reasons = problems.length > 0 ? problems.map((p) => p.reason) : ['no figures were measured'];
  const state = problems.length === 0 || problems.some((p) => p.state === 'errored') ? 'errored' : 'invalid';
  return { runId, scenarioId, repetition, state, reasons, startedAt, ...measured, ...tail };
}

/** Collects a run's problems and figures while its steps run; {@link RunFindings.record} builds the record. */
export class RunFindings {
  private readonly problems: RunProblem[] = [];
  private measured: RunMeasurement | undefined;
  private stderrTail: string | undefined;

  constructor(private readonly identity: RunIdentity) {}

  /** The run's figures cannot be trusted as the server's; the steps go on. */
  invalid(reason: string): void {
    this.problems.push({ state: 'invalid', reason });
  }

  /** The run could not be done (as far as it went); `stderrTail` is the server's, when the server is the cause. */
  errored(reason: string, stderrTail?: string): void {
    this.problems.push({ state: 'errored', reason });
    if (stderrTail !== undefined) this.stderrTail = stderrTail;
  }

  /** Keeps the server's stderr with the record (a problem that is the server's). */
  keepStderr(stderrTail: string): void {
    this.stderrTail = stderrTail;
  }

  measuredAs(measurement: RunMeasurement): void {
    this.measured = measurement;
  }

  record(): RunRecord {
    return runRecordOf(this.identity, this.problems, this.measured, this.stderrTail);
  }
}
