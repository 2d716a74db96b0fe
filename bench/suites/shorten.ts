import { findStrategy } from '../../servers/strategies/index.js';
import type { Scenario } from '../types.js';
import { SCENARIO_TAGS } from './scenario.js';

export interface ShortenOptions {
  durationS: number;
  warmupS: number;
}

/**
 * A shorter copy of a scenario list (the quick suite): each window capped at `durationS`
 * after at most `warmupS` of warm-up. Ids do not change (durations are not part of them),
 * so claims find the shortened scenarios. A server that answers in rounds keeps two rounds
 * (lockstepWindowS). Scenarios tagged `keep-window` keep theirs (their
 * window must hold many closed-loop rounds); those tagged `default-only` are left out.
 */
export function shortenScenarios(scenarios: readonly Scenario[], { durationS, warmupS }: ShortenOptions): Scenario[] {
  return scenarios
    .filter((s) => !s.tags?.includes(SCENARIO_TAGS.defaultOnly))
    .map((s) =>
      s.tags?.includes(SCENARIO_TAGS.keepWindow)
        ? s
        : { ...s, load: { ...s.load, durationS: Math.max(Math.min(s.load.durationS, durationS), lockstepWindowS(s)), warmupS: Math.min(s.load.warmupS, warmupS) } },
    );
}

/**
 * The shortest window that holds answers when a server answers its connections in
 * rounds: two rounds of C × S. Work shared in slices on one loop (cpu on async: every
 * request advances a chunk in turn, so all C finish together after C × S) and a blocked
 * FastAPI loop (py-blocking, py-prefork: uvicorn reads the ready requests, runs all their
 * blocking bodies, then writes the answers, so C × S / W passes between batches) answer
 * nothing in a shorter window: 1 s windows made cpu/py-asyncio/c50 and
 * sleep/py-blocking/c1000 `invalid` ("no request answered"). 0 when answers flow
 * continuously.
 */
export function lockstepWindowS(scenario: Scenario): number {
  if (scenario.load.kind !== 'closed') return 0;
  const strategy = findStrategy(scenario.strategy);
  if (!strategy) return 0;
  const sharedSlices = scenario.workload === 'cpu' && !strategy.runsBlockingImplementation;
  const blockedFastApi = strategy.runtime === 'python' && (strategy.role === 'blocking' || strategy.role === 'prefork') && ['sleep', 'cpu'].includes(scenario.workload);
  if (!sharedSlices && !blockedFastApi) return 0;
  const serviceS = Number(scenario.params[scenario.workload === 'sleep' ? 'sleepMs' : 'cpuMs'] ?? 0) / 1000;
  const loops = strategy.role === 'prefork' ? strategy.executors(scenario.poolSize ?? 2) : 1;
  return (2 * scenario.load.connections * serviceS) / loops;
}

/** The list without repeated ids (the first definition wins). */
export function dedupeScenarios(scenarios: readonly Scenario[]): Scenario[] {
  const seen = new Set<string>();
  return scenarios.filter((s) => (seen.has(s.id) ? false : (seen.add(s.id), true)));
}
