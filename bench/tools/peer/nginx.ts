/**
 * nginx as a server nobody here wrote, for `npm run bench:peer`: one worker process, an
 * in-memory `return 200` answer, on 127.0.0.1 only. Debian's `nginx-light` package
 * (apt-get install -y nginx-light); LOOPBENCH_NGINX overrides the binary's path.
 *
 * Everything lives in a temp prefix (config, pid file, logs, temp paths), removed at stop.
 * nginx cannot listen on port 0, so a free port is found by binding a socket to port 0 and
 * releasing it, and the start is retried on another port if something took it meanwhile.
 * nginx runs in the foreground as one process (`daemon off`, `master_process off`: the
 * one worker is the process itself), this process's child: it is stopped by
 * its PID (SIGQUIT, then SIGKILL), and `stopAllNginx()` stops every one still running (the
 * Ctrl-C path of scripts/compare-wrk.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BodyCheck } from '../../run/validate-response.js';

export const NGINX_BIN = process.env['LOOPBENCH_NGINX'] ?? '/usr/sbin/nginx';
/** What nginx answers to every request (`/work?id=N` included): it does not echo the id. */
export const NGINX_BODY = '{"workload":"nginx","value":"ok"}';

export const nginxBodyCheck: BodyCheck = (status, body) =>
  status !== 200 ? `status ${status}` : body === NGINX_BODY ? undefined : `unexpected nginx body ${body.slice(0, 80)}`;

export interface RunningNginx {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const live = new Map<number, { child: ChildProcess; prefix: string }>();

export function nginxConfig(port: number, prefix: string): string {
  return `# written by loopbench bench:peer (bench/tools/peer/nginx.ts)
worker_processes 1;
daemon off;
master_process off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body;
  keepalive_requests 1000000000;
  keepalive_timeout 75s;
  server {
    listen 127.0.0.1:${port} reuseport;
    default_type application/json;
    location / { return 200 '${NGINX_BODY}'; }
  }
}
`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Starts nginx on a free port of 127.0.0.1; throws with nginx's own error when it cannot. */
export async function startNginx(attempts = 5): Promise<RunningNginx> {
  if (!existsSync(NGINX_BIN)) {
    throw new Error(`nginx not found at ${NGINX_BIN}: apt-get install -y nginx-light (or set LOOPBENCH_NGINX), or run bench:peer with --no-nginx`);
  }
  let lastError = '';
  for (let attempt = 0; attempt < attempts; attempt++) {
    const prefix = mkdtempSync(join(tmpdir(), 'loopbench-nginx-'));
    const port = await freePort();
    writeFileSync(join(prefix, 'nginx.conf'), nginxConfig(port, prefix));
    const child = spawn(NGINX_BIN, ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let exited = false;
    const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
    child.once('error', (error) => (stderr += error.message));
    const pid = child.pid;
    if (pid !== undefined) live.set(pid, { child, prefix });
    const deadline = performance.now() + 5000;
    let up = false;
    while (!exited && performance.now() < deadline) {
      if (await canConnect(port)) {
        up = true;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const stop = async (): Promise<void> => {
      if (pid !== undefined) live.delete(pid);
      if (!exited && pid !== undefined) {
        process.kill(pid, 'SIGQUIT');
        const timer = setTimeout(() => !exited && process.kill(pid, 'SIGKILL'), 3000);
        await exit;
        clearTimeout(timer);
      }
      rmSync(prefix, { recursive: true, force: true });
    };
    if (up && !exited && pid !== undefined) return { url: `http://127.0.0.1:${port}`, pid, stop };
    let log = '';
    try {
      log = readFileSync(join(prefix, 'error.log'), 'utf8');
    } catch {
      // no log written
    }
    await stop();
    lastError = (stderr + log).trim().split('\n').slice(-3).join(' | ') || 'did not accept connections within 5 s';
    if (!/in use/i.test(lastError)) break; // only a taken port is worth another try
  }
  throw new Error(`nginx did not start: ${lastError}`);
}

/** Stops every nginx this process started and has not stopped (Ctrl-C, errors): by PID. */
export function stopAllNginx(): void {
  for (const [pid, { prefix }] of live) {
    try {
      process.kill(pid, 'SIGKILL'); // one process (master_process off): nothing is orphaned
    } catch {
      // already gone
    }
    rmSync(prefix, { recursive: true, force: true });
  }
  live.clear();
}
