/**
 * When a run's figures cannot be trusted as the server's: too many failed requests, or a
 * load generator that ran out of CPU (its limit would pass for the server's).
 */
import type { ClientFigures } from '../types.js';

/** Above this share of failed requests (errors, timeouts, non-2xx, wrong bodies) a run is invalid. */
export const MAX_FAILED_SHARE = 0.001;
/** Above this share of one core, the load generator is saturated. */
export const MAX_LOADGEN_CPU_PCT = 90;

export function failedRequests(client: ClientFigures): number {
  return client.errors + client.timeouts + client.non2xx + client.wrongBodies;
}

/** Reasons a run is invalid (empty when it is valid). */
export function invalidReasons(client: ClientFigures, loadgenCpuPct: number, label = 'load'): string[] {
  const reasons: string[] = [];
  const failed = failedRequests(client);
  const attempted = client.requests + client.errors + client.timeouts + client.non2xx;
  if (failed > 0 && failed > MAX_FAILED_SHARE * Math.max(1, attempted)) {
    const parts = [
      client.errors && `${client.errors} errors`,
      client.timeouts && `${client.timeouts} timeouts`,
      client.non2xx && `${client.non2xx} non-2xx`,
      client.wrongBodies && `${client.wrongBodies} wrong bodies${client.firstWrongBody ? ` (first: ${client.firstWrongBody})` : ''}`,
    ].filter(Boolean);
    reasons.push(`${label}: ${parts.join(', ')} out of ${attempted} requests (> ${MAX_FAILED_SHARE * 100}%)`);
  }
  if (client.requests === 0) reasons.push(`${label}: no request answered`);
  if (loadgenCpuPct > MAX_LOADGEN_CPU_PCT) {
    reasons.push(`load generator saturated: ${loadgenCpuPct.toFixed(0)}% of a core (> ${MAX_LOADGEN_CPU_PCT}%); the figure is the generator's limit, not the server's`);
  }
  if (client.requestedRatePerS && client.rps < client.requestedRatePerS * 0.98) {
    reasons.push(`${label}: achieved ${client.rps.toFixed(0)} req/s below the requested ${client.requestedRatePerS}/s`);
  }
  return reasons;
}
