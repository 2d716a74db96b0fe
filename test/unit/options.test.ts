import { describe, expect, it } from 'vitest';
import { parseBenchOptions } from '../../bench/options.js';
import { usageErrorOf } from '../cli-kit/usage-error.js';

const usageMessage = (argv: string[]): string => usageErrorOf(parseBenchOptions, argv);

describe('bench options', () => {
  it('defaults to the quick suite (the first run) and the reports folder', () => {
    const options = parseBenchOptions([]);
    expect(options.suite).toBe('quick');
    expect(options.outDir).toBe('reports');
    expect(options.workloads).toEqual([]);
    expect(options.strategies).toEqual([]);
  });

  it('splits --filter terms into workloads and strategies', () => {
    const options = parseBenchOptions(['--filter', 'sleep,async', '--suite', 'quick']);
    expect(options.workloads).toEqual(['sleep']);
    expect(options.strategies).toEqual(['async']);
    expect(parseBenchOptions(['--filter', 'cpu/worker-threads']).strategies).toEqual(['worker-threads']);
  });

  it('reads numeric overrides', () => {
    const options = parseBenchOptions(['--duration', '2.5', '--connections', '10', '--repetitions', '3', '--warmup', '0']);
    expect(options).toMatchObject({ durationS: 2.5, connections: 10, repetitions: 3, warmupS: 0 });
  });

  it('names the flag and the allowed values for an unknown suite, strategy or workload', () => {
    expect(usageMessage(['--suite', 'nope'])).toMatch(/--suite.*'nope'.*allowed: quick, full/);
    expect(usageMessage(['--suite', 'default'])).toMatch(/'default' \(renamed: it is now 'full'\)/);
    expect(usageMessage(['--filter', 'threads'])).toMatch(/--filter.*'threads'.*workloads: .*sleep.*strategies: .*worker-threads/);
  });

  it('rejects negative, zero and non-numeric durations and connection counts', () => {
    expect(usageMessage(['--duration', '-1'])).toMatch(/--duration must be a number > 0/);
    expect(usageMessage(['--duration', 'abc'])).toMatch(/--duration.*'abc'/);
    expect(usageMessage(['--connections', '0'])).toMatch(/--connections must be an integer > 0/);
    expect(usageMessage(['--connections', '2.5'])).toMatch(/--connections must be an integer/);
    expect(usageMessage(['--repetitions', 'x'])).toMatch(/--repetitions/);
  });

  it('rejects unknown flags', () => {
    expect(usageMessage(['--bogus'])).toMatch(/bogus/);
  });

  it('refuses an empty --filter (empty, only commas or spaces) instead of running the whole suite', () => {
    for (const empty of ['', ',', ' , ,', '   ', '/']) {
      expect(usageMessage(['--filter', empty])).toMatch(/--filter is empty.*e\.g\. --filter sleep,async/);
    }
  });
});
