import { dbResource } from './db.js';
import { fileResource } from './file.js';
import type { ScenarioResource } from './types.js';
import { upstreamResource } from './upstream.js';

/** Harness-side resources per workload (one registry line each). */
export const resources: Record<string, ScenarioResource> = {
  db: dbResource,
  upstream: upstreamResource,
  file: fileResource,
};

export function resourceFor(workloadName: string): ScenarioResource | undefined {
  return resources[workloadName];
}
