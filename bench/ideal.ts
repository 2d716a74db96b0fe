/**
 * What physics allows for a scenario, and efficiency = measured / ideal.
 *
 * - Waits (sleep, ...) follow Little's law: throughput = concurrency / service time, where
 *   concurrency is how many requests can be waiting at once: 1 on a blocked loop, C
 *   connections on the async loop, min(W, C) on a pool of W workers.
 * - CPU work is bounded by cores: min(P, K, C) · 1000 / cpuMs with P parallel executors
 *   (1 on the event loop, W in a pool) and K usable cores.
 * - noop has no ideal.
 */
import { getStrategy, isStrategyName } from '../servers/strategies/index.js';
import type { WorkloadParams } from '../servers/workloads/types.js';
import type { IdealFigures, Scenario } from './types.js';

export type ServiceModel =
  | { kind: 'wait'; serviceMs: number }
  | { kind: 'cpu'; cpuMs: number };

/** How each workload's per-request cost is modelled (one line per workload that has an ideal). */
export const serviceModels: Record<string, (params: WorkloadParams, runsBlocking: boolean) => ServiceModel | undefined> = {
  sleep: (params) => ({ kind: 'wait', serviceMs: Number(params['sleepMs']) }),
  cpu: (params) => ({ kind: 'cpu', cpuMs: Number(params['cpuMs']) }),
  // K upstream calls of upstreamMs each: overlapped by Promise.all, one after another when
  // awaited in sequence or called through a synchronous client.
  upstream: (params, runsBlocking) => {
    const sequential = runsBlocking || params['mode'] === 'sequential';
    const upstreamMs = Number(params['upstreamMs']);
    return { kind: 'wait', serviceMs: sequential ? Number(params['fanout']) * upstreamMs : upstreamMs };
  },
};

export function defaultPoolSize(usableCores: number): number {
  return Math.max(1, usableCores);
}

/** The ideal throughput of a scenario, or undefined when it has none. */
export function idealFor(scenario: Scenario, usableCores: number): Omit<IdealFigures, 'efficiency'> | undefined {
  if (scenario.target) return targetIdeal(scenario, usableCores);
  if (!isStrategyName(scenario.strategy)) return undefined;
  const strategy = getStrategy(scenario.strategy);
  // forgot-await answers before the work is done: no physics bounds a wrong answer.
  if (strategy.role === 'forgot-await') return undefined;
  const model = serviceModels[scenario.workload]?.(scenario.params, strategy.runsBlockingImplementation);
  if (!model) return undefined;
  if (scenario.load.kind === 'rate') {
    // Open model: the server can answer no more than it is offered, nor more than its
    // capacity (the closed-model ideal with every connection the driver may open busy),
    // so efficiency is not overload and inefficiency mixed together.
    const rate = scenario.load.ratePerS;
    const capacity = closedIdeal(scenario, strategy, model, scenario.load.maxConnections, usableCores);
    if (capacity.idealRps >= rate) return { idealRps: rate, coresUsed: usableCores, formula: `min(R=${rate}/s offered, capacity ${Math.round(capacity.idealRps)}/s = ${capacity.formula})` };
    return { idealRps: capacity.idealRps, coresUsed: usableCores, formula: `min(R=${rate}/s offered, capacity = ${capacity.formula})` };
  }
  return closedIdeal(scenario, strategy, model, scenario.load.connections, usableCores);
}

function closedIdeal(
  scenario: Scenario,
  strategy: ReturnType<typeof getStrategy>,
  model: ServiceModel,
  connections: number,
  usableCores: number,
): Omit<IdealFigures, 'efficiency'> {
  const poolSize = scenario.poolSize ?? defaultPoolSize(usableCores);
  if (model.kind === 'wait') {
    const perUnitRps = 1000 / model.serviceMs;
    if (!strategy.runsBlockingImplementation) {
      return { idealRps: connections * perUnitRps, coresUsed: usableCores, formula: `C=${connections} * 1000/${model.serviceMs}ms` };
    }
    const executors = Math.min(strategy.executors(poolSize), connections);
    const label = strategy.usesPool ? `min(W=${poolSize}, C=${connections})` : executors === connections ? `C=${connections}` : `${executors}`;
    return { idealRps: executors * perUnitRps, coresUsed: usableCores, formula: `${label} * 1000/${model.serviceMs}ms` };
  }
  const executors = strategy.executors(poolSize);
  // thread-per-request: unbounded executors, written as C (its bound is the connections).
  const pLabel = Number.isFinite(executors) ? `P=${executors}` : 'P=C';
  const parallel = Math.min(executors, usableCores, connections);
  return {
    idealRps: (parallel * 1000) / model.cpuMs,
    coresUsed: usableCores,
    formula: `min(${pLabel}, K=${usableCores}, C=${connections}) * 1000/${model.cpuMs}ms`,
  };
}

/** An external target with a known service time: Little's law on the connections (or the requested rate). */
function targetIdeal(scenario: Scenario, usableCores: number): Omit<IdealFigures, 'efficiency'> | undefined {
  const serviceMs = scenario.target?.serviceMs;
  if (serviceMs === undefined) return undefined;
  if (scenario.load.kind === 'rate') {
    return { idealRps: scenario.load.ratePerS, coresUsed: usableCores, formula: `R = ${scenario.load.ratePerS}/s (open model)` };
  }
  const c = scenario.load.connections;
  return { idealRps: (c * 1000) / serviceMs, coresUsed: usableCores, formula: `C=${c} * 1000/${serviceMs}ms (--service-ms)` };
}

export function withEfficiency(ideal: Omit<IdealFigures, 'efficiency'>, measuredRps: number): IdealFigures {
  return { ...ideal, efficiency: ideal.idealRps > 0 ? measuredRps / ideal.idealRps : 0 };
}
