import type { Scenario } from '../types.js';
import { SCENARIO_TAGS } from './scenario.js';

export interface ShortenOptions {
  durationS: number;
  warmupS: number;
}

/**
 * A shorter copy of a scenario list (the quick suite): each window capped at `durationS`
 * after at most `warmupS` of warm-up. Ids do not change (durations are not part of them),
 * so claims find the shortened scenarios. Scenarios tagged `keep-window` keep theirs (their
 * window must hold many closed-loop rounds); those tagged `default-only` are left out.
 */
export function shortenScenarios(scenarios: readonly Scenario[], { durationS, warmupS }: ShortenOptions): Scenario[] {
  return scenarios
    .filter((s) => !s.tags?.includes(SCENARIO_TAGS.defaultOnly))
    .map((s) =>
      s.tags?.includes(SCENARIO_TAGS.keepWindow)
        ? s
        : { ...s, load: { ...s.load, durationS: Math.min(s.load.durationS, durationS), warmupS: Math.min(s.load.warmupS, warmupS) } },
    );
}

/** The list without repeated ids (the first definition wins). */
export function dedupeScenarios(scenarios: readonly Scenario[]): Scenario[] {
  const seen = new Set<string>();
  return scenarios.filter((s) => (seen.has(s.id) ? false : (seen.add(s.id), true)));
}
