/** Figures with their unit, and the labels of a scenario's load and parameters. */
import { formatNumber, groupThousands } from './numbers.js';

/** Requests per second: `1,962 req/s`. */
export function formatRps(rps: number): string {
  return `${formatNumber(rps)} req/s`;
}

/** `1000` → `1,000 connections`; `1` → `1 connection`. */
export function formatConnections(connections: number): string {
  return `${groupThousands(connections)} connection${connections === 1 ? '' : 's'}`;
}

/** Workload parameters as `sleepMs=50;cpuMs=20`, keys sorted so the text is stable. */
export function formatParams(params: Record<string, unknown>, separator = ';'): string {
  return Object.keys(params)
    .sort()
    .map((key) => `${key}=${String(params[key])}`)
    .join(separator);
}
