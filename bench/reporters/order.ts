/**
 * The one ordering every report uses, so tables, charts and legends list things the same
 * way on every run: strategies from "all on the loop" to "many processes", workloads in
 * the order the suite ran them, claims by number.
 */
import { findStrategy } from '../../servers/strategies/index.js';
import type { ClaimVerdict, ResultsFile, ScenarioSummary } from '../types.js';

/** Registered strategies by their `order` (servers/strategies: the one place), unknown ones after them by name. */
export function compareStrategies(a: string, b: string): number {
  const rank = (s: string) => findStrategy(s)?.order ?? Number.POSITIVE_INFINITY;
  const ra = rank(a);
  const rb = rank(b);
  return (ra === rb ? 0 : ra < rb ? -1 : 1) || compareText(a, b);
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Strategies present in `summaries`, in report order. */
export function strategiesOf(summaries: readonly ScenarioSummary[]): string[] {
  return [...new Set(summaries.map((s) => s.strategy))].sort(compareStrategies);
}

/** Workloads in the order they first appear in the results file. */
export function workloadsOf(results: ResultsFile): string[] {
  return [...new Set(results.summaries.map((s) => s.workload))];
}

/** Within a workload: head-of-line scenarios last, then by connections, strategy, id. */
export function compareSummaries(a: ScenarioSummary, b: ScenarioSummary): number {
  const hol = Number(a.tags.includes('head-of-line')) - Number(b.tags.includes('head-of-line'));
  const conns = (a.connections ?? Infinity) - (b.connections ?? Infinity);
  return hol || (Number.isNaN(conns) ? 0 : conns) || compareStrategies(a.strategy, b.strategy) || compareText(a.scenarioId, b.scenarioId);
}

/** `C2` before `C10`. */
export function compareClaims(a: ClaimVerdict, b: ClaimVerdict): number {
  const num = (c: ClaimVerdict) => Number(/^C(\d+)$/.exec(c.id)?.[1] ?? Infinity);
  return num(a) - num(b) || compareText(a.id, b.id);
}
