import { execFileSync } from 'node:child_process';
import { PYTHON_EXECUTABLE, PYTHON_SERVER_MODULES } from '../../bench/setup/parts/python.js';
import type { ServerConfig } from '../../servers/protocol.js';

/** Whether Debian's python3 can run the Python servers here. */
export function pythonProvisioned(): boolean {
  try {
    execFileSync(PYTHON_EXECUTABLE, ['-c', `import ${PYTHON_SERVER_MODULES.join(', ')}`], { stdio: 'ignore', timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}

export const PYTHON_STRATEGIES = ['py-blocking', 'py-asyncio', 'py-threads', 'py-processes', 'py-prefork'] as const;

export function pyConfig(strategy: string, workload: string, params: ServerConfig['params'], poolSize = 2): ServerConfig {
  return { strategy, workload, params, poolSize, host: '127.0.0.1' };
}

export async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return condition();
}

/**
 * Fails the suite (never skips it) when Python is not provisioned: `npm test` runs
 * `npm run setup` first, so a missing package is a broken set-up, named with its fix.
 */
export function requirePython(): void {
  if (!pythonProvisioned()) {
    throw new Error(`${PYTHON_EXECUTABLE} cannot import ${PYTHON_SERVER_MODULES.join(', ')}: run npm run setup (it installs the python3-* Debian packages)`);
  }
}
