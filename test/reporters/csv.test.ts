import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csv, csvRow } from '../../bench/reporters/csv.js';
import { loadFixture } from './fixture.js';

describe('csv reporter', () => {
  it('writes results.csv matching the snapshot', async () => {
    const [file] = await csv(loadFixture());
    expect(file!.path).toBe('results.csv');
    await expect(file!.contents).toMatchFileSnapshot('./__snapshots__/results.csv');
  });

  it('has exactly the agreed columns, in order, and one row per summary', async () => {
    const results = loadFixture();
    const [file] = await csv(results);
    const lines = String(file!.contents).trimEnd().split('\n');
    expect(lines[0]).toBe(
      'scenario,workload,strategy,connections,params,repetitions,rps_median,rps_mean,rps_mean_ci_low,rps_mean_ci_high,rps_cv,latency_p50_ms,latency_p99_ms,errors,ideal_rps,efficiency,server_cpu_s,server_cores_busy,server_rss_peak_mib,event_loop_delay_p99_ms,loadgen_cpu_pct,state',
    );
    expect(lines).toHaveLength(results.summaries.length + 1);
  });

  it('builds a row: params as key=value joined by ";", runs as repetitions, MiB from bytes', () => {
    const s = { ...loadFixture().summaries.find((x) => x.scenarioId === 'sleep/async/c100')!, params: { sleepMs: 50, jitterMs: 5 } };
    const row = csvRow(s);
    expect(Object.keys(row)).toEqual([...CSV_COLUMNS]);
    expect(row.params).toBe('jitterMs=5;sleepMs=50');
    expect(row.repetitions).toBe(s.runs);
    expect(row.server_rss_peak_mib).toBe(Math.round((s.serverRssPeakBytes! / 1024 ** 2) * 10) / 10);
    expect(row.state).toBe('ok');
  });

  it('leaves a cell empty where the figure does not apply', () => {
    const noop = loadFixture().summaries.find((x) => x.scenarioId === 'noop/async/c100')!;
    const { ideal: _ideal, ...withoutIdeal } = noop;
    const row = csvRow({ ...withoutIdeal, connections: undefined, ratePerS: 500 });
    expect(row.ideal_rps).toBe('');
    expect(row.efficiency).toBe('');
    expect(row.connections).toBe('');
    expect(row.params).toBe('');
  });

  it('quotes cells that contain commas', async () => {
    const results = loadFixture();
    results.summaries = [{ ...results.summaries[0]!, scenarioId: 'a,b' }];
    const [file] = await csv(results);
    expect(String(file!.contents).split('\n')[1]!.startsWith('"a,b",')).toBe(true);
  });
});
