/**
 * The server under a peer run (nginx, or a fresh async loopbench server), and what every
 * run on it records the same way: the machine's load before it, and a server failure (or
 * the error that ended the run) as its reason.
 */
import { readFileSync } from 'node:fs';
import type { ServerConfig } from '../../../servers/protocol.js';
import type { WorkloadParams } from '../../../servers/workloads/types.js';
import { startServer } from '../../run/start-server.js';
import { validateOnce } from '../../run/validate-response.js';
import { NGINX_WORKLOAD } from './generators.js';
import { nginxBodyCheck, startNginx } from './nginx.js';

/** A server under a peer run: nginx, or a fresh async loopbench server. */
export interface PeerServer {
  url: string;
  pid: number;
  failure(): string | undefined;
  stop(): Promise<{ leftoverPids: number[] }>;
}

export async function startPeerServer(workload: string, params: WorkloadParams): Promise<PeerServer> {
  if (workload === NGINX_WORKLOAD) {
    const nginx = await startNginx();
    return { url: nginx.url, pid: nginx.pid, failure: () => undefined, stop: async () => (await nginx.stop(), { leftoverPids: [] }) };
  }
  const config: ServerConfig = { strategy: 'async', workload, params, poolSize: 1, host: '127.0.0.1' };
  const server = await startServer(config);
  try {
    await validateOnce(server.url, workload, params);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/** One request, checked, before any load on nginx (its one fixed body). */
export async function validateNginx(url: string): Promise<void> {
  const response = await fetch(`${url}/work?id=1`, { signal: AbortSignal.timeout(10_000) });
  const problem = nginxBodyCheck(response.status, await response.text(), 1);
  if (problem) throw new Error(`nginx validation request: ${problem}`);
}

/** /proc/loadavg's 1-minute figure: other load on the machine (undefined where there is no /proc). */
export function loadAverage1m(): number | undefined {
  try {
    return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return undefined;
  }
}

/**
 * Marks a run errored when its server failed, or, given the error that ended the run, with
 * the server's failure when there is one (the root cause) and else the error's message.
 */
export function recordServerFailure(run: { state: string; reasons: string[] }, server: PeerServer, error?: unknown): void {
  const reason = server.failure() ?? (error === undefined ? undefined : (error as Error).message);
  if (reason === undefined) return;
  run.state = 'errored';
  run.reasons.push(reason);
}
