/**
 * `npm run db:setup [-- --rows N]`: a local PostgreSQL for the `db` workload, idempotent.
 *
 * 1. installs PostgreSQL (Debian package `postgresql`) with apt-get if it is missing;
 * 2. creates the cluster `<version> main` if absent and starts it (pg_ctlcluster);
 * 3. creates the role and database `loopbench` (password `loopbench`, TCP 127.0.0.1);
 * 4. seeds the table with the same deterministic rows as the SQLite file;
 * 5. prints `DATABASE_URL=...` (the only line on stdout; progress goes to stderr).
 *
 * With DATABASE_URL set to another server (a CI service container, a remote database),
 * steps 1-3 are skipped and only that database is seeded.
 * Needs root or passwordless sudo for steps 1-3.
 */
import { execFileSync, type ExecFileSyncOptions } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { LOCAL_DATABASE_URL, checkPostgres, maskUrl, seedPostgres } from '../bench/run/resources/db.js';
import { DEFAULT_DB_ROWS } from '../servers/workloads/db.js';

const PG_LIB = '/usr/lib/postgresql';
const ROLE = 'loopbench';
const DATABASE = 'loopbench';
const PASSWORD = 'loopbench';

function log(message: string): void {
  process.stderr.write(`db:setup: ${message}\n`);
}

const isRoot = process.getuid?.() === 0;

/** Runs a command as root (directly, or through sudo -n). */
function asRoot(command: string, args: string[], options: ExecFileSyncOptions = {}): string {
  const [file, argv] = isRoot ? [command, args] : ['sudo', ['-n', command, ...args]];
  return String(execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], ...options }));
}

/** Runs psql as the `postgres` OS user (peer authentication on the local socket). */
function psqlAsPostgres(port: number, sql: string): string {
  const args = ['psql', '-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-p', String(port), '-d', 'postgres', '-c', sql];
  if (isRoot) return String(execFileSync('runuser', ['-u', 'postgres', '--', ...args], { encoding: 'utf8', cwd: '/', stdio: ['ignore', 'pipe', 'inherit'] }));
  return String(execFileSync('sudo', ['-n', '-u', 'postgres', ...args], { encoding: 'utf8', cwd: '/', stdio: ['ignore', 'pipe', 'inherit'] }));
}

function installedVersions(): number[] {
  if (!existsSync(PG_LIB)) return [];
  return readdirSync(PG_LIB)
    .filter((name) => existsSync(`${PG_LIB}/${name}/bin/postgres`))
    .map(Number)
    .filter(Number.isFinite)
    .sort((a, b) => b - a);
}

function ensureInstalled(): number {
  let versions = installedVersions();
  if (versions.length === 0 || !existsSync('/usr/bin/pg_ctlcluster')) {
    log('PostgreSQL is not installed; installing the Debian package `postgresql` with apt-get');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    asRoot('apt-get', ['update', '-q'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    asRoot('apt-get', ['install', '-y', '-q', 'postgresql'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    versions = installedVersions();
    if (versions.length === 0) throw new Error(`apt-get installed postgresql but no server is under ${PG_LIB}`);
  }
  return versions[0]!;
}

interface Cluster {
  version: number;
  name: string;
  port: number;
  status: string;
}

function clusters(): Cluster[] {
  // pg_lsclusters -h: "15 main 5432 online postgres /var/lib/... /var/log/..."
  return String(execFileSync('pg_lsclusters', ['-h'], { encoding: 'utf8' }))
    .split('\n')
    .filter(Boolean)
    .map((line) => line.trim().split(/\s+/))
    .map(([version, name, port, status]) => ({ version: Number(version), name: name ?? '', port: Number(port), status: status ?? '' }));
}

function ensureCluster(version: number): Cluster {
  let cluster = clusters().find((c) => c.version === version && c.name === 'main');
  if (!cluster) {
    log(`creating cluster ${version}/main`);
    asRoot('pg_createcluster', [String(version), 'main'], { stdio: ['ignore', 'inherit', 'inherit'] });
    cluster = clusters().find((c) => c.version === version && c.name === 'main');
    if (!cluster) throw new Error(`pg_createcluster ${version} main did not create the cluster`);
  }
  if (!cluster.status.startsWith('online')) {
    log(`starting cluster ${version}/main on port ${cluster.port}`);
    asRoot('pg_ctlcluster', [String(version), 'main', 'start'], { stdio: ['ignore', 'inherit', 'inherit'] });
  } else {
    log(`cluster ${version}/main is already running on port ${cluster.port}`);
  }
  return cluster;
}

function ensureRoleAndDatabase(port: number): void {
  psqlAsPostgres(
    port,
    `DO $$ BEGIN
       IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${ROLE}') THEN
         CREATE ROLE ${ROLE} LOGIN PASSWORD '${PASSWORD}';
       ELSE
         ALTER ROLE ${ROLE} LOGIN PASSWORD '${PASSWORD}';
       END IF;
     END $$;`,
  );
  const exists = psqlAsPostgres(port, `SELECT 1 FROM pg_database WHERE datname = '${DATABASE}'`).trim() === '1';
  if (!exists) {
    log(`creating database ${DATABASE}`);
    psqlAsPostgres(port, `CREATE DATABASE ${DATABASE} OWNER ${ROLE}`);
  }
}

function localUrl(port: number): string {
  const url = new URL(LOCAL_DATABASE_URL);
  url.port = String(port);
  return url.toString();
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write('usage: npm run db:setup [-- --rows N]   (default rows: 200000)\n');
    return;
  }
  const rows = Number(values.rows ?? DEFAULT_DB_ROWS);
  if (!Number.isInteger(rows) || rows < 1000) throw new Error(`--rows must be an integer >= 1000, got ${values.rows}`);

  const given = process.env['DATABASE_URL'];
  let url: string;
  if (given && new URL(given).toString() !== new URL(LOCAL_DATABASE_URL).toString()) {
    log(`DATABASE_URL is set (${maskUrl(given)}): seeding that database only`);
    url = given;
  } else {
    const version = ensureInstalled();
    const cluster = ensureCluster(version);
    ensureRoleAndDatabase(cluster.port);
    url = localUrl(cluster.port);
  }

  log(`seeding ${rows} rows`);
  const seed = await seedPostgres(url, rows);
  log(seed.seeded ? `seeded in ${seed.seedMs} ms` : 'already seeded (same version and rows): kept');
  const facts = await checkPostgres(url, rows);
  log(`ready: PostgreSQL ${facts.serverVersion}, ${facts.rows} rows, ${(facts.tableBytes / 1e6).toFixed(1)} MB`);
  process.stdout.write(`DATABASE_URL=${url}\n`);
}

main().catch((error: unknown) => {
  log(`failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
