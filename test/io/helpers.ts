/**
 * Test helpers for the real-I/O workloads: start a compiled server (dist/servers/serve.js)
 * with a ServerConfig in argv[2], wait for `{type:'ready', url}` over IPC, and stop it
 * (SIGTERM, then SIGKILL to its process group) in afterAll.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ServerConfig, ServerToParent } from '../../servers/protocol.js';
import type { WorkBody, WorkloadParams } from '../../servers/workloads/types.js';

const SERVE = fileURLToPath(new URL('../../dist/servers/serve.js', import.meta.url));

export interface TestServer {
  url: string;
  child: ChildProcess;
  stderr(): string;
  stop(): Promise<void>;
}

const live = new Set<TestServer>();

export async function startServer(
  config: Omit<ServerConfig, 'host' | 'poolSize'> & { poolSize?: number },
): Promise<TestServer> {
  if (!existsSync(SERVE)) throw new Error(`${SERVE} is missing: run \`npx tsc -p .\` first`);
  const full: ServerConfig = { host: '127.0.0.1', poolSize: 2, ...config };
  const child = fork(SERVE, [JSON.stringify(full)], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], detached: true });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not get ready in 20 s: ${stderr}`)), 20_000);
    child.on('message', (message: ServerToParent) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message.url);
      } else if (message.type === 'fatal') {
        clearTimeout(timer);
        reject(new Error(`server failed to start: ${message.message}`));
      }
    });
    void exited.then(() => reject(new Error(`server exited during start: ${stderr}`)));
  });
  const server: TestServer = {
    url,
    child,
    stderr: () => stderr,
    async stop() {
      live.delete(server);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }, 3000);
      await exited;
      clearTimeout(timer);
    },
  };
  live.add(server);
  return server;
}

export async function stopAll(): Promise<void> {
  await Promise.all([...live].map((s) => s.stop()));
}

export async function getWork(url: string, id: number, variant?: string): Promise<WorkBody> {
  const response = await fetch(`${url}/work?id=${id}${variant ? `&variant=${variant}` : ''}`);
  const text = await response.text();
  if (!response.ok) throw new Error(`GET /work?id=${id} answered ${response.status}: ${text}`);
  return JSON.parse(text) as WorkBody;
}

/** Milliseconds one request takes, median of n sequential requests. */
export async function medianLatencyMs(url: string, n: number, variant?: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await getWork(url, i + 1, variant);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(n / 2)]!;
}

/**
 * Closed-model load for `durationMs`: `connections` loops, each sending its next request
 * when the last one answered. Returns completed requests per second and the failures.
 */
export async function closedLoad(
  url: string,
  connections: number,
  durationMs: number,
  check?: (body: WorkBody, id: number) => boolean,
  variant?: string,
): Promise<{ rps: number; requests: number; failures: string[] }> {
  const deadline = performance.now() + durationMs;
  const started = performance.now();
  let requests = 0;
  const failures: string[] = [];
  let nextId = 1;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const id = nextId++;
        try {
          const body = await getWork(url, id, variant);
          if (check && !check(body, id)) failures.push(`wrong body for id ${id}: ${JSON.stringify(body)}`);
          requests++;
        } catch (error) {
          failures.push(String(error));
          if (failures.length > 20) return;
        }
      }
    }),
  );
  return { rps: requests / ((performance.now() - started) / 1000), requests, failures };
}

export type { WorkloadParams };
