/**
 * The article's own runtime: Debian's /usr/bin/python3 with FastAPI on uvicorn, asyncpg,
 * aiohttp, psycopg2, requests and uvloop from Debian's python3-* packages (the only Python
 * packages these machines install). Debian's interpreter, never a `python3` earlier on
 * PATH: a pyenv python does not see Debian's packages (DESIGN.md, known traps).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SetupError } from '../errors.js';
import { aptInstall } from '../system.js';
import type { SetupCheck, SetupPart } from '../types.js';

const run = promisify(execFile);

/** The interpreter every Python server runs with. */
export const PYTHON_EXECUTABLE = '/usr/bin/python3';

/** Import name → Debian package. */
export const PYTHON_MODULES: Readonly<Record<string, string>> = {
  fastapi: 'python3-fastapi',
  uvicorn: 'python3-uvicorn',
  asyncpg: 'python3-asyncpg',
  aiohttp: 'python3-aiohttp',
  psycopg2: 'python3-psycopg2',
  requests: 'python3-requests',
  uvloop: 'python3-uvloop',
};

/** What the Python servers need for the workloads they implement today (noop, sleep, cpu). */
export const PYTHON_SERVER_MODULES: readonly string[] = ['fastapi', 'uvicorn'];

/** The modules `/usr/bin/python3` cannot import (all of them when python3 itself is missing). */
export async function missingPythonModules(modules: readonly string[] = Object.keys(PYTHON_MODULES)): Promise<string[]> {
  const probe = `import importlib.util, json; print(json.dumps([m for m in ${JSON.stringify(modules)} if importlib.util.find_spec(m) is None]))`;
  try {
    const { stdout } = await run(PYTHON_EXECUTABLE, ['-c', probe], { timeout: 20_000 });
    return JSON.parse(stdout.trim()) as string[];
  } catch {
    return [...modules];
  }
}

/** `python3-fastapi, python3-uvicorn is not installed` style wording for a set of missing modules. */
export function describeMissing(modules: readonly string[]): string {
  const packages = modules.map((m) => PYTHON_MODULES[m] ?? m);
  return `${packages.join(', ')} ${packages.length === 1 ? 'is' : 'are'} missing`;
}

/**
 * No `neededBy`: `npm run bench` does not install Python by itself; a run without it leaves
 * the Python scenarios out and says so (bench/cli.ts), `npm run setup` installs it.
 */
export const python: SetupPart = {
  name: 'python',
  neededFor: 'the Python server variants (py-* strategies: FastAPI on uvicorn, asyncpg, aiohttp, threads, processes)',
  debianPackages: ['python3', ...Object.values(PYTHON_MODULES)],
  async check(): Promise<SetupCheck> {
    const missing = await missingPythonModules();
    return missing.length === 0 ? { ok: true } : { ok: false, problem: `${PYTHON_EXECUTABLE}: ${describeMissing(missing)}` };
  },
  async provision(log) {
    if ((await missingPythonModules()).length === 0) return;
    aptInstall(python.debianPackages, log);
    const missing = await missingPythonModules();
    if (missing.length > 0) {
      throw new SetupError(`setup: python: after apt-get install, ${PYTHON_EXECUTABLE} still lacks ${describeMissing(missing)}; run as root: apt-get install -y ${python.debianPackages.join(' ')}`);
    }
  },
};
