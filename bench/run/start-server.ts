/**
 * Starts one fresh server process and stops it again, leaving nothing behind.
 *
 * The server is forked `detached`, so it leads a process group of its own: a Ctrl-C in
 * the terminal reaches only the harness, which then stops every server it started, and
 * a final SIGKILL to the group reaches pool children and cluster workers too. Servers
 * also exit by themselves when the harness's IPC channel closes (servers/serve.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { ParentToServer, ServerConfig, ServerTelemetry, ServerToParent } from '../../servers/protocol.js';
import { serverEntryPath } from '../paths.js';
import { ServerError } from './errors.js';
import { isAlive, processTree } from './proc-tree.js';

const STDERR_TAIL_BYTES = 4096;

export interface StartOptions {
  readyTimeoutMs?: number;
}

export interface StopReport {
  /** Processes of the tree still alive after SIGTERM and SIGKILL (should be empty). */
  leftoverPids: number[];
  /** Whether SIGKILL was needed. */
  killed: boolean;
}

/** Every server this harness process has started and not yet stopped (for Ctrl-C). */
const liveServers = new Set<RunningServer>();

export class RunningServer {
  private stderr = '';
  private fatalMessage: string | undefined;
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exited: Promise<void>;
  /** Pids seen in the tree, remembered so that stop() can check each one is gone. */
  private knownPids = new Set<number>();
  url = '';

  constructor(
    readonly child: ChildProcess,
    readonly config: ServerConfig,
  ) {
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-STDERR_TAIL_BYTES);
    });
    child.on('message', (message: ServerToParent) => {
      if (message.type === 'fatal') this.fatalMessage = message.message;
    });
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        resolve();
      });
    });
    if (child.pid) this.knownPids.add(child.pid);
    liveServers.add(this);
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  stderrTail(): string {
    return this.stderr.trim().split('\n').slice(-20).join('\n');
  }

  /** Why the server is no longer usable, if it is not. */
  failure(): string | undefined {
    if (this.fatalMessage) return `server reported: ${this.fatalMessage.split('\n')[0]}`;
    if (this.exitInfo) return `server exited (code ${this.exitInfo.code}, signal ${this.exitInfo.signal})`;
    return undefined;
  }

  /** Remember the tree's pids now (call once the pools are up). */
  rememberTree(): number[] {
    for (const pid of processTree(this.pid)) this.knownPids.add(pid);
    return [...this.knownPids];
  }

  send(message: ParentToServer): void {
    if (this.child.connected) this.child.send(message);
  }

  /** Asks the server for its event-loop telemetry of the window opened by `reset`. */
  collectTelemetry(timeoutMs = 3000): Promise<ServerTelemetry | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(undefined), timeoutMs);
      const onMessage = (message: ServerToParent) => {
        if (message.type === 'telemetry') done(message.telemetry);
      };
      const done = (telemetry: ServerTelemetry | undefined) => {
        clearTimeout(timer);
        this.child.off('message', onMessage);
        resolve(telemetry);
      };
      this.child.on('message', onMessage);
      this.send({ type: 'collect' });
    });
  }

  /** SIGTERM, wait up to `graceMs`, then SIGKILL to the whole group; then check every pid is gone. */
  async stop(graceMs = 3000): Promise<StopReport> {
    this.rememberTree();
    let killed = false;
    if (!this.exitInfo) {
      this.child.kill('SIGTERM');
      const timedOut = await Promise.race([
        this.exited.then(() => false),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(true), graceMs).unref()),
      ]);
      if (timedOut) killed = true;
    }
    // The group may still hold pool children that outlived their parent; end them too.
    const stragglers = [...this.knownPids].filter(isAlive);
    if (stragglers.length > 0) {
      killed = true;
      try {
        process.kill(-this.pid, 'SIGKILL');
      } catch {
        // group already gone
      }
      for (const pid of stragglers) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      await this.exited;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    liveServers.delete(this);
    return { leftoverPids: [...this.knownPids].filter(isAlive), killed };
  }
}

/** Forks the server entry and waits (bounded) for `{type:'ready'}`. */
export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const readyTimeoutMs = options.readyTimeoutMs ?? 20_000;
  const child = fork(serverEntryPath(config.strategy), [JSON.stringify(config)], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    detached: true,
    execArgv: [],
    serialization: 'json',
  });
  const server = new RunningServer(child, config);
  try {
    server.url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`server did not report ready within ${readyTimeoutMs} ms`)),
        readyTimeoutMs,
      );
      child.on('message', (message: ServerToParent) => {
        if (message.type === 'ready') {
          clearTimeout(timer);
          resolve(message.url);
        } else if (message.type === 'fatal') {
          clearTimeout(timer);
          reject(new Error(`server failed to start: ${message.message.split('\n')[0]}`));
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`server exited during start (code ${code}, signal ${signal})`));
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  } catch (error) {
    await server.stop(500);
    // Give the stderr pipe a moment to deliver the last lines.
    await new Promise((resolve) => setTimeout(resolve, 50));
    throw new ServerError(`${config.strategy}/${config.workload}: ${(error as Error).message}`, server.stderrTail());
  }
  server.rememberTree();
  return server;
}

/** Stops every server still running (Ctrl-C, fatal error). */
export async function stopAllServers(): Promise<number[]> {
  const reports = await Promise.all([...liveServers].map((server) => server.stop(1500)));
  return reports.flatMap((r) => r.leftoverPids);
}
