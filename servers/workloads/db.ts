/**
 * A real database, two query kinds (request variant `fast` | `slow`, default: param `query`):
 * - fast: a point lookup by primary key; the key is derived from the request id;
 * - slow: an aggregate (count + sum) over `slowRows` consecutive rows, a range scan of
 *   known cost (measured on the 2-core test machine: ~16 ms on SQLite for 200,000 rows).
 *
 * SQLite (default): blocking = better-sqlite3, synchronous on the calling thread;
 * non-blocking = the `sqlite3` package, whose queries run on libuv's thread pool (a few
 * connections, since one sqlite3 connection runs one statement at a time).
 * PostgreSQL (`dbKind: 'postgres'`, `databaseUrl`): non-blocking = a `pg.Pool`; blocking =
 * a synchronous client: a worker thread owning a `pg.Client` behind a SyncBridge (the
 * caller blocks on Atomics.wait), the analog of psycopg2 inside an async handler.
 *
 * The data is deterministic (see `rowOf`), seeded by the harness (bench/run/resources/db.ts)
 * and by `npm run db:setup` for PostgreSQL, so the client can compute every answer.
 */
import { existsSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import type sqlite3 from 'sqlite3';
import { SyncBridge } from './sync-bridge.js';
import type { WorkBody, Workload, WorkloadParams, WorkRequest } from './types.js';

/** Bumped whenever the schema or the data formula changes: a seeded file of another version is reseeded. */
export const DB_SEED_VERSION = 1;
export const DEFAULT_DB_ROWS = 200_000;
export const DB_TABLE = 'items';
export const DB_META_TABLE = 'loopbench_meta';
/** PostgreSQL session settings: one backend per query, so its cost does not depend on idle cores. */
export const PG_SESSION_OPTIONS = '-c max_parallel_workers_per_gather=0';

const PAYLOAD_FILLER = 'x'.repeat(80);

/** Row `id` (1..rows): the one formula both engines are seeded with. */
export function rowOf(id: number): { id: number; grp: number; amount: number; payload: string } {
  return { id, grp: id % 100, amount: (id * 7919) % 10_007, payload: `item ${id} ${PAYLOAD_FILLER}` };
}

/** The same data as `rowOf`, in PostgreSQL (for `INSERT ... SELECT FROM generate_series`). */
export const PG_ROW_SELECT =
  `SELECT g, g % 100, (g::bigint * 7919) % 10007, 'item ' || g || ' ' || '${PAYLOAD_FILLER}' FROM generate_series(1, $1::int) AS g`;

export const DB_SCHEMA = `CREATE TABLE ${DB_TABLE} (
  id INTEGER PRIMARY KEY,
  grp INTEGER NOT NULL,
  amount INTEGER NOT NULL,
  payload TEXT NOT NULL
)`;

const SQL = {
  sqlite: {
    fast: `SELECT id, grp, amount FROM ${DB_TABLE} WHERE id = ?`,
    slow: `SELECT count(*) AS n, sum(amount) AS total FROM ${DB_TABLE} WHERE id > ? AND id <= ?`,
  },
  postgres: {
    fast: `SELECT id, grp, amount FROM ${DB_TABLE} WHERE id = $1`,
    slow: `SELECT count(*) AS n, sum(amount) AS total FROM ${DB_TABLE} WHERE id > $1 AND id <= $2`,
  },
} as const;

type QueryKind = 'fast' | 'slow';
type DbKind = 'sqlite' | 'postgres';

interface DbSettings {
  kind: DbKind;
  rows: number;
  slowRows: number;
}

function settingsOf(params: WorkloadParams): DbSettings {
  const kind = (params['dbKind'] ?? 'sqlite') as DbKind;
  if (kind !== 'sqlite' && kind !== 'postgres') throw new Error(`db workload: dbKind '${kind}' is not sqlite or postgres`);
  const rows = Number(params['dbRows'] ?? DEFAULT_DB_ROWS);
  const slowRows = Math.min(rows, Number(params['slowRows'] ?? rows));
  return { kind, rows, slowRows };
}

function queryOf(params: WorkloadParams, req: WorkRequest): QueryKind {
  const query = req.variant ?? params['query'] ?? 'fast';
  if (query !== 'fast' && query !== 'slow') throw new Error(`db workload: unknown query variant '${query}' (fast | slow)`);
  return query;
}

/** Primary key the fast query looks up for request `id`. */
export function fastKeyOf(id: number, rows: number): number {
  return (Math.abs(Math.trunc(id)) % rows) + 1;
}

/** The slow query's window (ids in (start, start + slowRows]); it moves with the request id. */
export function slowWindowOf(id: number, s: DbSettings): [number, number] {
  const span = s.rows - s.slowRows + 1;
  const start = (Math.abs(Math.trunc(id)) * 7919) % span;
  return [start, start + s.slowRows];
}

function fastValue(row: { id: unknown; grp: unknown; amount: unknown } | undefined): string {
  if (!row) throw new Error('db workload: fast query found no row (database not seeded?)');
  return `${Number(row.id)}:${Number(row.grp)}:${Number(row.amount)}`;
}

function slowValue(row: { n: unknown; total: unknown } | undefined): string {
  if (!row) throw new Error('db workload: slow query returned no row');
  return `${Number(row.n)}:${Number(row.total ?? 0)}`;
}

/** Prefix sums of `amount`, built once per row count in the client to check slow answers in O(1). */
const prefixCache = new Map<number, Float64Array>();
function prefixSums(rows: number): Float64Array {
  let sums = prefixCache.get(rows);
  if (!sums) {
    sums = new Float64Array(rows + 1);
    for (let id = 1; id <= rows; id++) sums[id] = sums[id - 1]! + rowOf(id).amount;
    prefixCache.set(rows, sums);
  }
  return sums;
}

export function expectedDbValue(params: WorkloadParams, req: WorkRequest): string {
  const s = settingsOf(params);
  if (queryOf(params, req) === 'fast') return fastValue(rowOf(fastKeyOf(req.id, s.rows)));
  const [start, end] = slowWindowOf(req.id, s);
  const sums = prefixSums(s.rows);
  return `${end - start}:${sums[end]! - sums[start]!}`;
}

/** Query arguments of one request. */
function argsOf(query: QueryKind, req: WorkRequest, s: DbSettings): number[] {
  return query === 'fast' ? [fastKeyOf(req.id, s.rows)] : slowWindowOf(req.id, s);
}

// ---------------------------------------------------------------------------------
// Per-thread state: each thread or process that runs an implementation opens its own.
// Drivers are imported in init, so a PostgreSQL run never loads SQLite and vice versa.

type Row = Record<string, unknown>;

interface BlockingDb {
  get(query: QueryKind, args: number[]): Row | undefined;
  close(): Promise<void> | void;
}

interface AsyncDb {
  get(query: QueryKind, args: number[]): Promise<Row | undefined>;
  close(): Promise<void>;
}

interface State {
  settings: DbSettings;
  openBlocking(): BlockingDb;
  openAsync(): AsyncDb;
  blocking?: BlockingDb;
  async?: AsyncDb;
}

let state: State | undefined;

function stateOf(): State {
  if (!state) throw new Error('db workload: init() was not called in this thread');
  return state;
}

async function initSqlite(params: WorkloadParams, settings: DbSettings): Promise<State> {
  const dbPath = String(params['dbPath'] ?? '');
  if (!dbPath || !existsSync(dbPath)) {
    throw new Error(`db workload: SQLite file '${dbPath}' is missing; the harness seeds it (bench/run/resources/db.ts)`);
  }
  const Database = (await import('better-sqlite3')).default;
  const sqlite = (await import('sqlite3')).default;
  const connections = Math.max(1, Number(params['sqliteConnections'] ?? 4));

  const openBlocking = (): BlockingDb => {
    const db: BetterSqlite3.Database = new Database(dbPath, { readonly: true, fileMustExist: true });
    const statements = { fast: db.prepare(SQL.sqlite.fast), slow: db.prepare(SQL.sqlite.slow) };
    return { get: (query, args) => statements[query].get(...args) as Row | undefined, close: () => void db.close() };
  };
  // Check the file before the server reports ready: seeded, this version, this size.
  const probe = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const meta = Object.fromEntries(
      (probe.prepare(`SELECT key, value FROM ${DB_META_TABLE}`).all() as { key: string; value: string }[]).map((r) => [r.key, r.value]),
    );
    if (Number(meta['version']) !== DB_SEED_VERSION || Number(meta['rows']) !== settings.rows) {
      throw new Error(
        `db workload: ${dbPath} holds seed version ${meta['version']} with ${meta['rows']} rows; expected version ${DB_SEED_VERSION} with ${settings.rows}`,
      );
    }
  } finally {
    probe.close();
  }

  const openAsync = (): AsyncDb => {
    const handles: sqlite3.Database[] = Array.from({ length: connections }, () => new sqlite.Database(dbPath, sqlite.OPEN_READONLY));
    let next = 0;
    return {
      get: (query, args) =>
        new Promise((resolve, reject) => {
          const db = handles[next++ % handles.length]!;
          db.get(SQL.sqlite[query], args, (error: Error | null, row: Row | undefined) => (error ? reject(error) : resolve(row)));
        }),
      close: async () => {
        await Promise.all(handles.map((db) => new Promise<void>((resolve) => db.close(() => resolve()))));
      },
    };
  };
  return { settings, openBlocking, openAsync };
}

/** SyncBridge target: the pg.Client the bridge worker owns (exported for sync-bridge-worker.ts). */
export async function createPgBridgeHandler(options: unknown): Promise<(request: unknown) => Promise<unknown>> {
  const { databaseUrl } = options as { databaseUrl: string };
  const { default: pgModule } = await import('pg');
  const client = new pgModule.Client({ connectionString: databaseUrl, options: PG_SESSION_OPTIONS });
  await client.connect();
  return async (request) => {
    const { query, args } = request as { query: QueryKind; args: number[] };
    const result = await client.query(SQL.postgres[query], args);
    return result.rows[0];
  };
}

async function initPostgres(params: WorkloadParams, settings: DbSettings): Promise<State> {
  const databaseUrl = String(params['databaseUrl'] ?? '');
  if (!databaseUrl) throw new Error('db workload: dbKind postgres needs databaseUrl (set by the harness from DATABASE_URL)');
  const { default: pgModule } = await import('pg');
  // Check reachability and seeding before the server reports ready, with a throwaway client.
  const probe = new pgModule.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  try {
    await probe.connect();
    const { rows } = await probe.query<{ key: string; value: string }>(`SELECT key, value FROM ${DB_META_TABLE}`);
    const meta = Object.fromEntries(rows.map((r) => [r.key, r.value]));
    if (Number(meta['version']) !== DB_SEED_VERSION || Number(meta['rows']) !== settings.rows) {
      throw new Error(`db workload: PostgreSQL holds seed version ${meta['version']} with ${meta['rows']} rows; expected ${DB_SEED_VERSION} / ${settings.rows}`);
    }
  } finally {
    await probe.end().catch(() => undefined);
  }
  const poolSize = Math.max(1, Number(params['pgPoolSize'] ?? 10));
  return {
    settings,
    openBlocking: () => {
      const bridge = new SyncBridge({ module: import.meta.url, factory: 'createPgBridgeHandler', options: { databaseUrl } });
      return { get: (query, args) => bridge.call({ query, args }) as Row | undefined, close: () => bridge.close() };
    },
    openAsync: () => {
      const pool: pg.Pool = new pgModule.Pool({ connectionString: databaseUrl, max: poolSize, options: PG_SESSION_OPTIONS });
      // An idle client's error (server restart) must not crash the server process.
      pool.on('error', () => undefined);
      return { get: async (query, args) => (await pool.query(SQL.postgres[query], args)).rows[0] as Row | undefined, close: () => pool.end() };
    },
  };
}

function answer(query: QueryKind, id: number, row: Row | undefined): WorkBody {
  const value = query === 'fast' ? fastValue(row as never) : slowValue(row as never);
  return { workload: 'db', id, value };
}

export const db: Workload = {
  name: 'db',
  description: 'a real database: fast point lookup or slow aggregate (SQLite: better-sqlite3 vs sqlite3; PostgreSQL: sync bridge vs pg.Pool)',
  // dbKind is deliberately absent: unset means SQLite, unless the harness finds DATABASE_URL.
  defaults: { query: 'fast', dbRows: DEFAULT_DB_ROWS, slowRows: DEFAULT_DB_ROWS, sqliteConnections: 4, pgPoolSize: 10 },
  paramSpecs: {
    dbKind: { kind: 'string', oneOf: ['sqlite', 'postgres'], description: 'database engine (default sqlite; postgres when DATABASE_URL is set)' },
    query: { kind: 'string', oneOf: ['fast', 'slow'], description: 'query kind when the request names no variant' },
    dbRows: { kind: 'integer', min: 1000, max: 50_000_000, description: 'rows in the seeded table' },
    slowRows: { kind: 'integer', min: 1, max: 50_000_000, description: 'rows the slow aggregate scans (its cost grows linearly)' },
    sqliteConnections: { kind: 'integer', min: 1, max: 64, description: 'sqlite3 (async) connections per process' },
    pgPoolSize: { kind: 'integer', min: 1, max: 200, description: 'pg.Pool size per process (async)' },
    dbPath: { kind: 'string', description: 'SQLite file (set by the harness)' },
    databaseUrl: { kind: 'string', description: 'PostgreSQL URL (set by the harness)' },
  },
  async init({ params }) {
    const settings = settingsOf(params);
    state = settings.kind === 'postgres' ? await initPostgres(params, settings) : await initSqlite(params, settings);
  },
  async close() {
    const current = state;
    state = undefined;
    await Promise.allSettled([current?.blocking?.close(), current?.async?.close()]);
  },
  runBlocking(params, req) {
    const s = stateOf();
    const query = queryOf(params, req);
    s.blocking ??= s.openBlocking();
    return answer(query, req.id, s.blocking.get(query, argsOf(query, req, s.settings)));
  },
  async runNonBlocking(params, req) {
    const s = stateOf();
    const query = queryOf(params, req);
    s.async ??= s.openAsync();
    return answer(query, req.id, await s.async.get(query, argsOf(query, req, s.settings)));
  },
  expectedValue: expectedDbValue,
};
