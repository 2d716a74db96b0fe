/**
 * The harness-side db resource: seeding is idempotent (a second prepare reuses the file),
 * a half-written or foreign file is reseeded, and a missing or unreachable PostgreSQL is a
 * ResourceError naming the fix (`npm run db:setup`) before any server starts.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { dbKindOf, dbResource, ensureSqliteDb, sqlitePathFor } from '../../bench/run/resources/db.js';
import { resourceFor } from '../../bench/run/resources/index.js';
import { ResourceError } from '../../bench/run/resources/types.js';
import type { Scenario } from '../../bench/types.js';
import type { WorkloadParams } from '../../servers/workloads/types.js';

const scratch = mkdtempSync(join(tmpdir(), 'loopbench-resources-test-'));
const savedUrl = process.env['DATABASE_URL'];

afterEach(() => {
  if (savedUrl === undefined) delete process.env['DATABASE_URL'];
  else process.env['DATABASE_URL'] = savedUrl;
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const scenario = (params: WorkloadParams): Scenario => ({
  id: 'db/test',
  workload: 'db',
  strategy: 'blocking',
  params,
  load: { kind: 'closed', connections: 1, durationS: 1, warmupS: 0 },
});

describe('registry', () => {
  it('has a resource for each real-I/O workload and none for the others', () => {
    for (const name of ['db', 'upstream', 'file']) expect(resourceFor(name)).toBeDefined();
    for (const name of ['noop', 'sleep', 'cpu']) expect(resourceFor(name)).toBeUndefined();
  });
});

describe('SQLite seeding', () => {
  it('seeds once; a second call reuses the file without reseeding', () => {
    const first = ensureSqliteDb(5000, scratch);
    expect(first).toMatchObject({ seeded: true, rows: 5000 });
    const { mtimeMs, ino } = statSync(first.path);
    const second = ensureSqliteDb(5000, scratch);
    expect(second).toMatchObject({ seeded: false, path: first.path, rows: 5000, bytes: first.bytes });
    expect(statSync(first.path).mtimeMs).toBe(mtimeMs);
    expect(statSync(first.path).ino).toBe(ino);
    // No temporary file is left behind.
    expect(readdirSync(scratch).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it('reseeds a file that is not a complete seed (garbage, or no meta table)', () => {
    const path = sqlitePathFor(3000, scratch);
    writeFileSync(path, 'not a database');
    expect(ensureSqliteDb(3000, scratch).seeded).toBe(true);
    expect(ensureSqliteDb(3000, scratch).seeded).toBe(false);
  });

  it('dbResource.prepare reuses the seeded file on a second run', async () => {
    const first = await dbResource.prepare(scenario({ dbKind: 'sqlite' }));
    const second = await dbResource.prepare(scenario({ dbKind: 'sqlite' }));
    expect(second.params).toEqual(first.params);
    expect(second.facts).toMatchObject({ kind: 'sqlite', rows: 200_000, seeded: false });
    expect(existsSync(String(second.params['dbPath']))).toBe(true);
    await first.close();
    await second.close();
  });
});

describe('engine choice', () => {
  it('SQLite by default, PostgreSQL when DATABASE_URL is set, an explicit dbKind wins', () => {
    delete process.env['DATABASE_URL'];
    expect(dbKindOf(scenario({}))).toBe('sqlite');
    process.env['DATABASE_URL'] = 'postgres://x@127.0.0.1:1/y';
    expect(dbKindOf(scenario({}))).toBe('postgres');
    expect(dbKindOf(scenario({ dbKind: 'sqlite' }))).toBe('sqlite');
    expect(() => dbKindOf(scenario({ dbKind: 'mysql' }))).toThrow(ResourceError);
  });
});

describe('PostgreSQL missing or unreachable', () => {
  it('a wrong DATABASE_URL (nothing listening) is a ResourceError naming `npm run db:setup`', async () => {
    process.env['DATABASE_URL'] = 'postgres://loopbench:loopbench@127.0.0.1:1/loopbench';
    const attempt = dbResource.prepare(scenario({}));
    await expect(attempt).rejects.toBeInstanceOf(ResourceError);
    await expect(attempt).rejects.toThrow(/unreachable.*npm run db:setup/s);
  });

  it('the message hides the password', async () => {
    const attempt = dbResource.prepare(scenario({ dbKind: 'postgres', databaseUrl: 'postgres://u:secret@127.0.0.1:1/db' }));
    await expect(attempt).rejects.toThrow(/u:\*\*\*@127\.0\.0\.1:1/);
    await expect(attempt).rejects.not.toThrow(/secret/);
  });
});
