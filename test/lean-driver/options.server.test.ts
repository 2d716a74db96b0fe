/**
 * `--driver lean|autocannon`: parsed and validated (exit 2 on an unknown name), lean by
 * default, recorded in results.options; the peer comparison runs both drivers against wrk.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBenchOptions } from '../../bench/options.js';
import { defaultPeerOptions, planPeerRuns } from '../../bench/tools/peer/compare-peers.js';
import { packageRoot } from '../../bench/paths.js';

const cli = join(packageRoot(), 'dist', 'bench', 'cli.js');
const outDir = mkdtempSync(join(tmpdir(), 'loopbench-driver-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('--driver', () => {
  it('is lean by default, takes autocannon, refuses anything else', () => {
    expect(parseBenchOptions([]).closedDriver).toBe('lean');
    expect(parseBenchOptions(['--driver', 'autocannon']).closedDriver).toBe('autocannon');
    expect(parseBenchOptions(['--driver', 'lean']).closedDriver).toBe('lean');
    expect(() => parseBenchOptions(['--driver', 'wrk'])).toThrow(/--driver must be lean or autocannon; got 'wrk'/);
  });

  it('exits 2 on an unknown driver and starts nothing', () => {
    const out = join(outDir, 'bad');
    const result = spawnSync(process.execPath, [cli, '--driver', 'undici', '--out', out], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--driver must be lean or autocannon; got 'undici'/);
    expect(existsSync(out)).toBe(false);
  });

  it('records the driver in results.options', () => {
    const out = join(outDir, 'run');
    const args = ['--suite', 'quick', '--filter', 'noop,async', '--duration', '0.5', '--warmup', '0.2', '--repetitions', '1', '--no-ceiling', '--out', out];
    const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });
    expect(result.status, result.stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(realpathSync(join(out, 'latest')), 'results.json'), 'utf8')) as {
      options: { closedDriver?: string };
      runs: { state: string; client?: { requests: number } }[];
    };
    expect(results.options.closedDriver).toBe('lean');
    expect(results.runs.length).toBeGreaterThan(0);
    for (const run of results.runs) expect(run.client!.requests).toBeGreaterThan(0);
  });

  it('the wrk comparison alternates both drivers with wrk', () => {
    const plan = planPeerRuns({ ...defaultPeerOptions, runs: 1 });
    expect(plan.map((s) => `${s.workload}:${s.generator}`)).toEqual([
      'nginx:loopbench', 'nginx:wrk', 'noop:loopbench', 'noop:wrk', 'noop:loopbench-autocannon', 'sleep:loopbench', 'sleep:wrk', 'sleep:loopbench-autocannon',
    ]);
  });
});
