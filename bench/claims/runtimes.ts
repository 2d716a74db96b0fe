/**
 * Claims name roles (the article's terms: blocking, async, threads, processes, ...), not
 * strategy names, and are judged once per runtime whose scenarios are in the results.
 * This module maps a claim's scenario (defined on the Node.js strategies, which the
 * suites plan) to the same scenario on another runtime: same workload, parameters and
 * load, the strategy that plays the same role there, and the id `scenarioIdOf` gives it
 * (e.g. `cpu/worker-threads/c50` → `cpu/py-threads/c50`).
 *
 * The strategy registry (servers/strategies) is the source of truth for runtime and role.
 * `KNOWN_STRATEGIES` names the Python strategies the issue-11 work adds, so that results
 * files holding them are judged even by a build whose registry does not have them yet;
 * a registry entry always wins over this table.
 */
import { strategies } from '../../servers/strategies/index.js';
import type { Runtime, StrategyRole } from '../../servers/strategies/types.js';
import { scenarioIdOf } from '../suites/scenario.js';
import type { Scenario } from '../types.js';

export type { Runtime, StrategyRole };

export const RUNTIMES: readonly Runtime[] = ['node', 'python'];

export const RUNTIME_LABELS: Record<Runtime, string> = { node: 'Node.js', python: 'Python' };

interface Played {
  runtime: Runtime;
  role: StrategyRole;
}

const KNOWN_STRATEGIES: Record<string, Played> = {
  'py-blocking': { runtime: 'python', role: 'blocking' },
  'py-asyncio': { runtime: 'python', role: 'async' },
  'py-threads': { runtime: 'python', role: 'threads' },
  'py-processes': { runtime: 'python', role: 'processes' },
  'py-prefork': { runtime: 'python', role: 'prefork' },
};

function registry(): Record<string, Played> {
  const fromRegistry = Object.fromEntries(Object.values(strategies as Record<string, { name: string; runtime: Runtime; role: StrategyRole }>).map((s) => [s.name, { runtime: s.runtime, role: s.role }]));
  return { ...KNOWN_STRATEGIES, ...fromRegistry };
}

/** The runtime and role of a strategy name, or undefined (reference servers, external targets). */
export function playedBy(strategy: string): Played | undefined {
  return registry()[strategy];
}

/** The strategy that plays `role` on `runtime`, or undefined when that runtime has none. */
export function strategyFor(runtime: Runtime, role: StrategyRole): string | undefined {
  const entries = Object.entries(registry()).filter(([, p]) => p.runtime === runtime && p.role === role);
  return entries[0]?.[0];
}

/** The role a scenario's strategy plays (its strategy name when it has none). */
export function roleOf(scenario: Pick<Scenario, 'strategy'>): string {
  return playedBy(scenario.strategy)?.role ?? scenario.strategy;
}

/**
 * The same scenario on `runtime`: undefined when no strategy plays its role there, or
 * when its strategy has no role (reference servers). Node scenarios map to themselves.
 */
export function scenarioOnRuntime(scenario: Scenario, runtime: Runtime): Scenario | undefined {
  const played = playedBy(scenario.strategy);
  if (!played) return runtime === 'node' ? scenario : undefined;
  if (played.runtime === runtime) return scenario;
  const strategy = strategyFor(runtime, played.role);
  if (!strategy) return undefined;
  const { id: _id, ...rest } = scenario;
  const mapped = { ...rest, strategy };
  return { id: scenarioIdOf(mapped), ...mapped };
}

/**
 * The runtimes whose scenarios are in the results, in RUNTIMES order; `node` when there
 * are none (old results files, external targets), so every claim still gets a verdict.
 */
export function runtimesIn(scenarios: readonly Pick<Scenario, 'strategy'>[]): Runtime[] {
  const seen = new Set(scenarios.map((s) => playedBy(s.strategy)?.runtime).filter((r): r is Runtime => r !== undefined));
  const present = RUNTIMES.filter((r) => seen.has(r));
  return present.length > 0 ? present : ['node'];
}
