/**
 * The `db` workload's database.
 *
 * SQLite (default, nothing to install): a file under the OS temp directory, seeded with
 * the deterministic rows of servers/workloads/db.ts. Seeding writes a temporary file and
 * renames it into place, so a half-seeded file never carries the final name; a complete
 * seed is recognised by its meta table (seed version + row count) and reused by later runs.
 *
 * PostgreSQL (scenario param `dbKind: 'postgres'`, or env DATABASE_URL when the scenario
 * does not name a kind): checked, never seeded here; a missing, unreachable or unseeded
 * database is a ResourceError that says to run `npm run db:setup` (the set-up step's postgres part, bench/setup/parts/postgres.ts,
 * which uses `seedPostgres` below).
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import {
  DB_META_TABLE,
  DB_SCHEMA,
  DB_SEED_VERSION,
  DB_TABLE,
  DEFAULT_DB_ROWS,
  PG_ROW_SELECT,
  rowOf,
} from '../../../servers/workloads/db.js';
import type { Scenario } from '../../types.js';
import { ResourceError, type PreparedResource, type ScenarioResource } from './types.js';

/** The URL `npm run db:setup` creates and prints. */
export const LOCAL_DATABASE_URL = 'postgres://loopbench:loopbench@127.0.0.1:5432/loopbench';
/** What CI and the tests are told when PostgreSQL is required but absent. */
export const PG_SETUP_HINT_FOR_TESTS =
  'Run `npm run setup` (`npm test` runs it first; as root or with passwordless sudo), or set DATABASE_URL to a seeded database';
export const DB_SETUP_HINT = 'run `npm run db:setup` (installs PostgreSQL if missing, starts a local cluster, seeds it and prints DATABASE_URL)';

/** Where SQLite files (and the file workload's files) live: $LOOPBENCH_DATA_DIR or <tmpdir>/loopbench. */
export function dataDir(): string {
  return process.env['LOOPBENCH_DATA_DIR'] || join(tmpdir(), 'loopbench');
}

export function sqlitePathFor(rows: number, dir = dataDir()): string {
  return join(dir, `db-v${DB_SEED_VERSION}-${rows}.sqlite`);
}

export interface SqliteSeed {
  path: string;
  rows: number;
  bytes: number;
  /** true when this call seeded the file, false when it reused a complete one. */
  seeded: boolean;
  /** Time the seed took (this call's, or the one recorded in the file). */
  seedMs: number;
  sqliteVersion: string;
}

type Meta = Record<string, string>;

function readSqliteMeta(path: string): Meta | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      const rows = db.prepare(`SELECT key, value FROM ${DB_META_TABLE}`).all() as { key: string; value: string }[];
      return Object.fromEntries(rows.map((r) => [r.key, r.value]));
    } finally {
      db.close();
    }
  } catch {
    return undefined; // not a database, or no meta table: not a complete seed
  }
}

function isComplete(meta: Meta | undefined, rows: number): meta is Meta {
  return meta !== undefined && Number(meta['version']) === DB_SEED_VERSION && Number(meta['rows']) === rows;
}

/** Creates and seeds the SQLite file for `rows` rows unless a complete one exists. Idempotent. */
export function ensureSqliteDb(rows: number, dir = dataDir()): SqliteSeed {
  mkdirSync(dir, { recursive: true });
  const path = sqlitePathFor(rows, dir);
  const existing = readSqliteMeta(path);
  if (isComplete(existing, rows)) {
    return {
      path,
      rows,
      bytes: statSync(path).size,
      seeded: false,
      seedMs: Number(existing['seedMs']),
      sqliteVersion: existing['sqliteVersion'] ?? '',
    };
  }

  const started = performance.now();
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  let sqliteVersion = '';
  try {
    const db = new Database(tmp);
    try {
      // Nothing to protect against a crash: a crashed seed leaves only the temp file.
      db.pragma('journal_mode = OFF');
      db.pragma('synchronous = OFF');
      db.exec(DB_SCHEMA);
      db.exec(`CREATE TABLE ${DB_META_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
      const insert = db.prepare(`INSERT INTO ${DB_TABLE} (id, grp, amount, payload) VALUES (?, ?, ?, ?)`);
      db.transaction(() => {
        for (let id = 1; id <= rows; id++) {
          const row = rowOf(id);
          insert.run(row.id, row.grp, row.amount, row.payload);
        }
      })();
      sqliteVersion = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
      const seedMs = Math.round(performance.now() - started);
      const setMeta = db.prepare(`INSERT INTO ${DB_META_TABLE} (key, value) VALUES (?, ?)`);
      db.transaction(() => {
        setMeta.run('version', String(DB_SEED_VERSION));
        setMeta.run('rows', String(rows));
        setMeta.run('seedMs', String(seedMs));
        setMeta.run('sqliteVersion', sqliteVersion);
        setMeta.run('seededAt', new Date().toISOString());
      })();
      db.pragma('journal_mode = DELETE');
    } finally {
      db.close();
    }
    // Atomic on one filesystem: readers see either no file or a complete one.
    renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
  return { path, rows, bytes: statSync(path).size, seeded: true, seedMs: Math.round(performance.now() - started), sqliteVersion };
}

/** The URL with its password hidden, for messages and facts. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

function pgClient(url: string): pg.Client {
  return new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
}

async function readPgMeta(client: pg.Client): Promise<Meta | undefined> {
  try {
    const { rows } = await client.query<{ key: string; value: string }>(`SELECT key, value FROM ${DB_META_TABLE}`);
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  } catch (error) {
    if ((error as { code?: string }).code === '42P01') return undefined; // undefined_table
    throw error;
  }
}

export interface PostgresFacts {
  kind: 'postgres';
  url: string;
  rows: number;
  tableBytes: number;
  serverVersion: string;
  seedVersion: number;
}

/** Checks that `url` is reachable and seeded for `rows` rows; a ResourceError names the fix. */
export async function checkPostgres(url: string, rows: number): Promise<PostgresFacts> {
  const where = `PostgreSQL at ${maskUrl(url)}`;
  const client = pgClient(url);
  try {
    try {
      await client.connect();
    } catch (error) {
      const e = error as { code?: string; message?: string };
      throw new ResourceError(`${where} is unreachable or refused the connection (${e.code ?? ''} ${e.message ?? e}): ${DB_SETUP_HINT}, or fix DATABASE_URL`);
    }
    const meta = await readPgMeta(client);
    if (!meta) throw new ResourceError(`${where} is not seeded (no ${DB_META_TABLE} table): ${DB_SETUP_HINT}`);
    if (!isComplete(meta, rows)) {
      throw new ResourceError(
        `${where} holds seed version ${meta['version']} with ${meta['rows']} rows, this run needs version ${DB_SEED_VERSION} with ${rows}: run \`npm run db:setup -- --rows ${rows}\``,
      );
    }
    const size = await client.query<{ bytes: string; version: string }>(
      `SELECT pg_total_relation_size('${DB_TABLE}') AS bytes, current_setting('server_version') AS version`,
    );
    return {
      kind: 'postgres',
      url: maskUrl(url),
      rows,
      tableBytes: Number(size.rows[0]?.bytes ?? 0),
      serverVersion: size.rows[0]?.version ?? '',
      seedVersion: DB_SEED_VERSION,
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Seeds PostgreSQL with the same rows as SQLite, in one transaction (DDL is transactional
 * there, so a half-seeded table is never visible). Idempotent: a complete seed is kept.
 */
export async function seedPostgres(url: string, rows: number): Promise<{ seeded: boolean; seedMs: number }> {
  const client = pgClient(url);
  await client.connect();
  try {
    if (isComplete(await readPgMeta(client), rows)) return { seeded: false, seedMs: 0 };
    const started = performance.now();
    await client.query('BEGIN');
    await client.query(`DROP TABLE IF EXISTS ${DB_TABLE}, ${DB_META_TABLE}`);
    await client.query(DB_SCHEMA);
    await client.query(`INSERT INTO ${DB_TABLE} (id, grp, amount, payload) ${PG_ROW_SELECT}`, [rows]);
    await client.query(`CREATE TABLE ${DB_META_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    const seedMs = Math.round(performance.now() - started);
    await client.query(
      `INSERT INTO ${DB_META_TABLE} (key, value) VALUES ('version', $1), ('rows', $2), ('seedMs', $3), ('seededAt', $4)`,
      [String(DB_SEED_VERSION), String(rows), String(seedMs), new Date().toISOString()],
    );
    await client.query('COMMIT');
    await client.query(`VACUUM ANALYZE ${DB_TABLE}`);
    return { seeded: true, seedMs };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Which engine a scenario uses: its explicit `dbKind`, else PostgreSQL when DATABASE_URL is set. */
export function dbKindOf(scenario: Pick<Scenario, 'params'>): 'sqlite' | 'postgres' {
  const explicit = scenario.params['dbKind'];
  if (explicit === 'postgres' || explicit === 'sqlite') return explicit;
  if (explicit !== undefined) throw new ResourceError(`db: dbKind '${String(explicit)}' is not sqlite or postgres`);
  return process.env['DATABASE_URL'] ? 'postgres' : 'sqlite';
}

export const dbResource: ScenarioResource = {
  async prepare(scenario): Promise<PreparedResource> {
    const rows = Number(scenario.params['dbRows'] ?? DEFAULT_DB_ROWS);
    if (!Number.isInteger(rows) || rows < 1) throw new ResourceError(`db: dbRows must be a positive integer, got ${scenario.params['dbRows']}`);
    const base: Omit<PreparedResource, 'params' | 'facts'> = { pids: [], failure: () => undefined, close: async () => undefined };
    if (dbKindOf(scenario) === 'postgres') {
      const url = String(scenario.params['databaseUrl'] ?? process.env['DATABASE_URL'] ?? LOCAL_DATABASE_URL);
      const facts = await checkPostgres(url, rows);
      return { ...base, params: { dbKind: 'postgres', databaseUrl: url }, facts: { ...facts } };
    }
    const seed = ensureSqliteDb(rows);
    return {
      ...base,
      params: { dbKind: 'sqlite', dbPath: seed.path },
      facts: { kind: 'sqlite', path: seed.path, rows: seed.rows, bytes: seed.bytes, seeded: seed.seeded, seedMs: seed.seedMs, sqliteVersion: seed.sqliteVersion },
    };
  },
};
