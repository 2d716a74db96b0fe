/**
 * PostgreSQL for the `db` workload's PostgreSQL variant (`--db postgres`) and its tests:
 *
 * 1. installs the Debian package `postgresql` with apt-get if it is missing;
 * 2. creates the cluster `<version> main` if absent and starts it (pg_ctlcluster);
 * 3. creates the role and database `loopbench` (password `loopbench`, TCP 127.0.0.1);
 * 4. seeds the table with the same deterministic rows as the SQLite file.
 *
 * With DATABASE_URL set to another server (a CI service container, a remote database),
 * steps 1-3 are skipped and only that database is seeded. Moved here from scripts/db-setup.ts;
 * `npm run db:setup` runs this part alone and prints DATABASE_URL.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { checkPostgres, dbKindOf, LOCAL_DATABASE_URL, maskUrl, seedPostgres } from '../../run/resources/db.js';
import { DEFAULT_DB_ROWS } from '../../../servers/workloads/db.js';
import { aptInstall, asRoot, asUser } from '../system.js';
import type { SetupCheck, SetupPart } from '../types.js';

const PG_LIB = '/usr/lib/postgresql';
const ROLE = 'loopbench';
const DATABASE = 'loopbench';
const PASSWORD = 'loopbench';

/** Rows to seed: DEFAULT_DB_ROWS, or `--rows N` of `npm run db:setup`. */
export const postgresSettings = { rows: DEFAULT_DB_ROWS };

function installedVersions(): number[] {
  if (!existsSync(PG_LIB)) return [];
  return readdirSync(PG_LIB)
    .filter((name) => existsSync(`${PG_LIB}/${name}/bin/postgres`))
    .map(Number)
    .filter(Number.isFinite)
    .sort((a, b) => b - a);
}

interface Cluster {
  version: number;
  name: string;
  port: number;
  status: string;
}

function clusters(): Cluster[] {
  if (!existsSync('/usr/bin/pg_lsclusters')) return [];
  // pg_lsclusters -h: "15 main 5432 online postgres /var/lib/... /var/log/..."
  return String(execFileSync('pg_lsclusters', ['-h'], { encoding: 'utf8' }))
    .split('\n')
    .filter(Boolean)
    .map((line) => line.trim().split(/\s+/))
    .map(([version, name, port, status]) => ({ version: Number(version), name: name ?? '', port: Number(port), status: status ?? '' }));
}

function ensureInstalled(log: (line: string) => void): number {
  let versions = installedVersions();
  if (versions.length === 0 || !existsSync('/usr/bin/pg_ctlcluster')) {
    aptInstall(['postgresql'], log);
    versions = installedVersions();
    if (versions.length === 0) throw new Error(`apt-get installed postgresql but no server is under ${PG_LIB}`);
  }
  return versions[0]!;
}

function ensureCluster(version: number, log: (line: string) => void): Cluster {
  let cluster = clusters().find((c) => c.version === version && c.name === 'main');
  if (!cluster) {
    log(`creating cluster ${version}/main`);
    asRoot('pg_createcluster', [String(version), 'main'], { stdio: ['ignore', 'ignore', 'inherit'] });
    cluster = clusters().find((c) => c.version === version && c.name === 'main');
    if (!cluster) throw new Error(`pg_createcluster ${version} main did not create the cluster`);
  }
  if (!cluster.status.startsWith('online')) {
    log(`starting cluster ${version}/main on port ${cluster.port}`);
    asRoot('pg_ctlcluster', [String(version), 'main', 'start'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return cluster;
}

function psqlAsPostgres(port: number, sql: string): string {
  return asUser('postgres', 'psql', ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-p', String(port), '-d', 'postgres', '-c', sql]);
}

function ensureRoleAndDatabase(port: number, log: (line: string) => void): void {
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

/** DATABASE_URL when it names another server, else undefined (the local cluster). */
function externalUrl(): string | undefined {
  const given = process.env['DATABASE_URL'];
  return given && new URL(given).toString() !== new URL(LOCAL_DATABASE_URL).toString() ? given : undefined;
}

function localUrl(port: number): string {
  const url = new URL(LOCAL_DATABASE_URL);
  url.port = String(port);
  return url.toString();
}

/** The URL the set-up step seeds and checks: DATABASE_URL, else the local cluster's. */
export function postgresUrl(): string {
  const external = externalUrl();
  if (external) return external;
  const version = installedVersions()[0];
  const cluster = clusters().find((c) => c.version === version && c.name === 'main');
  return cluster ? localUrl(cluster.port) : LOCAL_DATABASE_URL;
}

export const postgres: SetupPart = {
  name: 'postgres',
  neededFor: 'the db workload on PostgreSQL (--db postgres) and its tests',
  debianPackages: ['postgresql'],
  neededBy: (scenarios) => scenarios.some((s) => s.workload === 'db' && dbKindOf(s) === 'postgres'),
  async check(): Promise<SetupCheck> {
    if (!externalUrl()) {
      const version = installedVersions()[0];
      if (version === undefined) return { ok: false, problem: 'PostgreSQL is not installed' };
      const cluster = clusters().find((c) => c.version === version && c.name === 'main');
      if (!cluster) return { ok: false, problem: `PostgreSQL ${version} has no cluster ${version}/main` };
      if (!cluster.status.startsWith('online')) return { ok: false, problem: `the cluster ${version}/main is ${cluster.status}` };
    }
    try {
      await checkPostgres(postgresUrl(), postgresSettings.rows);
      return { ok: true };
    } catch (error) {
      return { ok: false, problem: (error as Error).message };
    }
  },
  async provision(log): Promise<void> {
    let url = externalUrl();
    if (url) {
      log(`DATABASE_URL is set (${maskUrl(url)}): seeding that database only`);
    } else {
      const cluster = ensureCluster(ensureInstalled(log), log);
      ensureRoleAndDatabase(cluster.port, log);
      url = localUrl(cluster.port);
    }
    log(`seeding ${postgresSettings.rows} rows`);
    const seed = await seedPostgres(url, postgresSettings.rows);
    log(seed.seeded ? `seeded in ${seed.seedMs} ms` : 'already seeded (same version and rows): kept');
  },
};
