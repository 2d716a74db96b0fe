import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BASELINE_SCHEMA_VERSION, baselineFrom, BaselineError, loadBaseline, writeBaseline } from '../../bench/gate/baseline.js';
import { removeTempDirs, tempDir, typicalResults } from './fixture.js';

afterAll(removeTempDirs);

describe('baseline file', () => {
  it('round-trips, with the per-run samples the tolerance needs', () => {
    const dir = tempDir('baseline');
    const path = join(dir, 'nested', 'baseline.json');
    const baseline = baselineFrom(typicalResults(), new Date('2026-01-02T00:00:00Z'));
    writeBaseline(path, baseline);
    const loaded = loadBaseline(path);
    expect(loaded).toEqual(baseline);
    expect(loaded.schemaVersion).toBe(BASELINE_SCHEMA_VERSION);
    expect(loaded.metrics[0]!.samples).toHaveLength(5);
  });

  it('is written atomically: the old file is replaced whole and no temporary file is left', () => {
    const dir = tempDir('baseline');
    const path = join(dir, 'baseline.json');
    writeFileSync(path, 'old contents');
    writeBaseline(path, baselineFrom(typicalResults()));
    expect(readdirSync(dir)).toEqual(['baseline.json']);
    expect(() => loadBaseline(path)).not.toThrow();
  });

  it('leaves the old baseline intact when the new one cannot be written', () => {
    const dir = tempDir('baseline');
    const path = join(dir, 'baseline.json');
    const old = baselineFrom(typicalResults());
    writeBaseline(path, old);
    const broken = { ...old, options: { big: 1n } } as unknown as typeof old; // JSON.stringify throws on BigInt
    expect(() => writeBaseline(path, broken)).toThrow();
    expect(loadBaseline(path)).toEqual(old);
    expect(readdirSync(dir)).toEqual(['baseline.json']);
  });

  it('rejects a missing, corrupt, foreign or incompatible file with a BaselineError naming it', () => {
    const dir = tempDir('baseline');
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const good = JSON.stringify(baselineFrom(typicalResults()));
    expect(() => loadBaseline(join(dir, 'none.json'))).toThrow(BaselineError);
    expect(() => loadBaseline(write('trunc.json', good.slice(0, 50)))).toThrow(/not valid JSON/);
    expect(() => loadBaseline(write('results.json', JSON.stringify(typicalResults())))).toThrow(/not a loopbench gate baseline/);
    expect(() => loadBaseline(write('v2.json', good.replace('"schemaVersion":1', '"schemaVersion":2')))).toThrow(/schemaVersion 2/);
    expect(() => loadBaseline(write('empty.json', good.replace(/"metrics":\[.*\],"claims"/, '"metrics":[],"claims"')))).toThrow(/holds no metrics/);
  });
});
