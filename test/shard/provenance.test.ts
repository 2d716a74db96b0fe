import { describe, expect, it } from 'vitest';
import { machineKey, producedBy, runnerOf } from '../../bench/provenance.js';

describe('provenance', () => {
  it('names the GitHub Actions runner, the Kubernetes pod, or LOOPBENCH_RUNNER; nothing on a plain host', () => {
    expect(runnerOf({ GITHUB_ACTIONS: 'true', RUNNER_NAME: 'GitHub Actions 7', GITHUB_RUN_ID: '42', GITHUB_JOB: 'shard' })).toBe('github-actions GitHub Actions 7 run 42 job shard');
    expect(runnerOf({ KUBERNETES_SERVICE_HOST: '10.0.0.1', HOSTNAME: 'loopbench-segments-2-abcde', JOB_COMPLETION_INDEX: '2' })).toBe('kubernetes pod loopbench-segments-2-abcde index 2');
    expect(runnerOf({ LOOPBENCH_RUNNER: 'lab box 3', GITHUB_ACTIONS: 'true' })).toBe('lab box 3');
    expect(runnerOf({})).toBeUndefined();
  });

  it('records host, CPU and command line', () => {
    const p = producedBy({ hostname: 'h1', cpuModel: 'CPU X' }, ['--shard', '1/2'], {});
    expect(p).toEqual({ hostname: 'h1', cpuModel: 'CPU X', argv: ['--shard', '1/2'] });
    expect(machineKey(p)).toBe('h1 (CPU X)');
  });
});
