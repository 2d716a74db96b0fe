/**
 * The `upstream` workload's upstream: a separate node:http process (servers/upstream.ts)
 * the harness forks before the scenario's server starts, on 127.0.0.1 port 0. Its URL
 * goes into the workload's params (`upstreamUrl`); its pid is recorded; if it exits
 * before `close()`, `failure()` says so and the run is `errored`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UpstreamConfig, UpstreamToParent } from '../../../servers/upstream.js';
import { ResourceError, type PreparedResource, type ScenarioResource } from './types.js';

const READY_TIMEOUT_MS = 10_000;

/** The compiled upstream entry: beside this module in dist/, or dist/ of the package when run from source (tests). */
export function upstreamEntryPath(): string {
  const sibling = fileURLToPath(new URL('../../../servers/upstream.js', import.meta.url));
  if (existsSync(sibling)) return sibling;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  const entry = join(dir, 'dist', 'servers', 'upstream.js');
  if (!existsSync(entry)) throw new ResourceError(`upstream: ${entry} is missing; run \`npm run build\` first`);
  return entry;
}

export interface UpstreamProcess extends PreparedResource {
  url: string;
  child: ChildProcess;
}

/** Starts one upstream process and waits for its URL. */
export async function startUpstream(config: UpstreamConfig = {}): Promise<UpstreamProcess> {
  const child = fork(upstreamEntryPath(), [JSON.stringify({ host: '127.0.0.1', ...config })], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'json',
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-2000);
  });
  let closing = false;
  let exitReason: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      if (!closing) exitReason = `upstream server (pid ${child.pid}) exited during the run (code ${code}, signal ${signal})${stderr ? `: ${stderr.trim()}` : ''}`;
      resolve();
    });
  });

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new ResourceError(`upstream server did not report ready within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
    child.once('error', (error) => reject(new ResourceError(`upstream server failed to start: ${error.message}`)));
    void exited.then(() => reject(new ResourceError(exitReason ?? 'upstream server exited during start')));
    child.on('message', (message: UpstreamToParent) => {
      if (message.type !== 'ready') return;
      clearTimeout(timer);
      resolve(message.url);
    });
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });

  const close = async () => {
    if (closing) return exited;
    closing = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(timer);
    }
  };
  return {
    url,
    child,
    params: { upstreamUrl: url },
    facts: { url, pid: child.pid, upstreamMs: config.upstreamMs },
    pids: child.pid ? [child.pid] : [],
    failure: () => exitReason,
    close,
  };
}

export const upstreamResource: ScenarioResource = {
  async prepare(scenario) {
    const upstreamMs = Number(scenario.params['upstreamMs'] ?? 50);
    const started = await startUpstream({ upstreamMs });
    const { url: _url, child: _child, ...prepared } = started;
    return {
      ...prepared,
      facts: { ...prepared.facts, fanout: Number(scenario.params['fanout'] ?? 5), mode: scenario.params['mode'] ?? 'concurrent' },
    };
  },
};
