import type { WorkloadParams } from '../../../servers/workloads/types.js';
import type { Scenario } from '../../types.js';
import { LoopbenchError } from '../../errors.js';

/**
 * Something a scenario needs outside its server, prepared by the harness before the
 * server starts: a seeded SQLite file, a PostgreSQL database, an upstream HTTP server, a
 * file of stated size. One file per resource under bench/run/resources/, one registry
 * line in index.ts keyed by workload name.
 */
export interface PreparedResource {
  /** Parameters added to the workload's (e.g. `dbPath`, `upstreamUrl`). */
  params: WorkloadParams;
  /** Facts the report states (database size, rows, upstream delay...). JSON-serialisable. */
  facts: Record<string, unknown>;
  /** Processes this resource started (upstream server), so the harness can account for them. */
  pids: number[];
  /** Set when the resource failed during the run (e.g. the upstream died); the run is then `errored`. */
  failure(): string | undefined;
  /** Stops what it started. Idempotent. */
  close(): Promise<void>;
}

export interface ScenarioResource {
  /**
   * Prepare before the server starts. Throw a `ResourceError` with what to run to fix it
   * (e.g. "run `npm run db:setup`") when the resource is missing or unreachable.
   */
  prepare(scenario: Scenario): Promise<PreparedResource>;
}

export class ResourceError extends LoopbenchError {
  constructor(message: string) {
    super('E_RESOURCE', message);
    this.name = 'ResourceError';
  }
}
