import type { ScenarioResource } from './types.js';

/** Harness-side resources per workload (one registry line each). */
export const resources: Record<string, ScenarioResource> = {};

export function resourceFor(workloadName: string): ScenarioResource | undefined {
  return resources[workloadName];
}
