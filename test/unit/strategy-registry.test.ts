import { describe, expect, it } from 'vitest';
import { parseBenchOptions } from '../../bench/options.js';
import { planRuns } from '../../bench/plan.js';
import { describeMissing } from '../../bench/setup/parts/python.js';
import { suites } from '../../bench/suites/index.js';
import { compareStrategies } from '../../bench/reporters/order.js';
import { strategyColour } from '../../bench/charts/style.js';
import { coreStrategies } from '../../bench/suites/parts/core.js';
import { pythonScenarios } from '../../bench/suites/parts/python.js';
import { getStrategy, runtimeOf, strategies, strategyNames } from '../../servers/strategies/index.js';

describe('the strategy registry is the one place for what a strategy is', () => {
  it('every strategy has its own order and colour', () => {
    const all = Object.values(strategies);
    expect(new Set(all.map((s) => s.order)).size).toBe(all.length);
    expect(new Set(all.map((s) => s.colour)).size).toBe(all.length);
  });

  it('reports order by the registry: Node.js from the loop to many processes, then Python', () => {
    const sorted = [...strategyNames].sort(compareStrategies);
    expect(sorted.slice(0, 3)).toEqual(['blocking', 'async', 'worker-threads']);
    expect(sorted.indexOf('cluster')).toBeLessThan(sorted.indexOf('py-blocking'));
    expect(sorted.indexOf('py-threads')).toBeLessThan(sorted.indexOf('py-processes'));
    expect(['zz-unknown', 'async'].sort(compareStrategies)).toEqual(['async', 'zz-unknown']);
  });

  it('charts colour a strategy with its registry colour', () => {
    expect(strategyColour(['py-asyncio', 'mystery']).range).toEqual([getStrategy('py-asyncio').colour, '#444444']);
  });

  it('the core suites take the Node.js core strategies from the registry', () => {
    expect(coreStrategies).toEqual(['blocking', 'async', 'worker-threads', 'child-process', 'cluster']);
  });

  it('Python strategies are known by runtime and role; reference servers are Node.js', () => {
    expect(runtimeOf('py-processes')).toBe('python');
    expect(getStrategy('py-processes').role).toBe('processes');
    expect(runtimeOf('bare-fastify')).toBe('node');
  });

  it('Python scenarios say which cpu they run: bytecode (holds the GIL) or native', () => {
    const ids = pythonScenarios({ durationS: 1, warmupS: 0.5 }).map((s) => s.id);
    expect(ids).toContain('cpu/py-threads/c10/cpuKind=bytecode');
    expect(ids).toContain('cpu/py-threads/c10/cpuKind=native');
    expect(ids).toContain('sleep/py-prefork/c50');
    expect(ids.slice(0, 5)).toEqual(['sleep/py-blocking/c50', 'sleep/py-asyncio/c50', 'cpu/py-blocking/c50', 'cpu/py-threads/c50', 'cpu/py-processes/c50']);
  });

  it("the first run's Python scenarios are the ids the claims judge on Python (C6: threads vs processes, C13: time.sleep)", () => {
    const quickIds = new Set(suites.quick.scenarios.map((s) => s.id));
    for (const id of ['cpu/py-blocking/c50', 'cpu/py-threads/c50', 'cpu/py-processes/c50', 'sleep/py-blocking/c4+probe', 'sleep/py-asyncio/c4+probe']) expect(quickIds.has(id), id).toBe(true);
  });
});

describe('--runtime', () => {
  it('defaults to all and accepts node and python', () => {
    expect(parseBenchOptions([]).runtime).toBe('all');
    expect(parseBenchOptions(['--runtime', 'python']).runtime).toBe('python');
  });

  it('refuses anything else, naming the allowed values', () => {
    expect(() => parseBenchOptions(['--runtime', 'ruby'])).toThrow(/--runtime must be all, node, python; got 'ruby'/);
  });
});

describe('runtimes in the plan', () => {
  const runtimes = (argv: string[], notMeasured?: { runtime: 'python'; reason: string }[]) => {
    const options = { ...parseBenchOptions(['--suite', 'quick', ...argv]), ...(notMeasured ? { notMeasured } : {}) };
    return new Set(planRuns(suites.quick, options).scenarios.map((s) => runtimeOf(s.strategy)));
  };

  it('--runtime all keeps both, node and python keep one', () => {
    expect(runtimes([])).toEqual(new Set(['node', 'python']));
    expect(runtimes(['--runtime', 'node'])).toEqual(new Set(['node']));
    expect(runtimes(['--runtime', 'python'])).toEqual(new Set(['python']));
  });

  it('a runtime the machine lacks is left out of the plan', () => {
    expect(runtimes([], [{ runtime: 'python', reason: 'python3-fastapi is missing' }])).toEqual(new Set(['node']));
  });

  it('names the missing Debian packages', () => {
    expect(describeMissing(['fastapi'])).toBe('python3-fastapi is missing');
    expect(describeMissing(['fastapi', 'uvicorn'])).toBe('python3-fastapi, python3-uvicorn are missing');
  });
});
