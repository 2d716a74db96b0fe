/**
 * Starts one fresh server process and stops it again, leaving nothing behind.
 *
 * The server is forked `detached`, so it leads a process group of its own: a Ctrl-C in
 * the terminal reaches only the harness, which then stops every server it started, and
 * a final SIGKILL to the group reaches pool children and cluster workers too. Servers
 * also exit by themselves when the harness's IPC channel closes (servers/serve.ts).
 *
 * Python strategies (runtime `python`) run `/usr/bin/python3 servers/python/serve.py`,
 * spawned `detached` the same way; they speak the same messages as one JSON object per
 * line (stdout: ready/telemetry/fatal; stdin: reset/collect), a documented, portable
 * channel rather than Node's IPC fd, which Node does not support for non-Node children.
 * Their stdin reaching its end is their IPC disconnect.
 */
import { EventEmitter } from 'node:events';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { ParentToServer, ServerConfig, ServerTelemetry, ServerToParent } from '../../servers/protocol.js';
import { getStrategy, isStrategyName } from '../../servers/strategies/index.js';
import type { PythonStrategy } from '../../servers/strategies/types.js';
import { PYTHON_EXECUTABLE } from '../setup/parts/python.js';
import { pythonServerEntryPath, serverEntryPath } from '../paths.js';
import { ServerError } from '../errors.js';
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

/** The harness's side of the message channel to a server, whatever carries it. */
export interface ServerChannel {
  readonly connected: boolean;
  send(message: ParentToServer): void;
  on(listener: (message: ServerToParent) => void): void;
  off(listener: (message: ServerToParent) => void): void;
}

/** Node's IPC channel of a forked Node.js server. */
function ipcChannel(child: ChildProcess): ServerChannel {
  return {
    get connected() {
      return child.connected;
    },
    send: (message) => {
      if (child.connected) child.send(message);
    },
    on: (listener) => void child.on('message', listener),
    off: (listener) => void child.off('message', listener),
  };
}

/** JSON lines over the stdin/stdout of a Python server; other stdout lines are ignored. */
function jsonLineChannel(child: ChildProcess): ServerChannel {
  const events = new EventEmitter();
  let open = true;
  if (child.stdout) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      try {
        events.emit('message', JSON.parse(line) as ServerToParent);
      } catch {
        // not a protocol line
      }
    });
  }
  child.stdin?.on('error', () => {
    open = false; // the server is gone; stop() reports how it ended
  });
  child.once('exit', () => {
    open = false;
  });
  return {
    get connected() {
      return open && !!child.stdin?.writable;
    },
    send: (message) => {
      if (open && child.stdin?.writable) child.stdin.write(JSON.stringify(message) + '\n');
    },
    on: (listener) => void events.on('message', listener),
    off: (listener) => void events.off('message', listener),
  };
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

  /** What a Python server reported about its interpreter and packages (ready message). */
  facts: Record<string, unknown> | undefined;

  constructor(
    readonly child: ChildProcess,
    readonly config: ServerConfig,
    readonly channel: ServerChannel = ipcChannel(child),
  ) {
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-STDERR_TAIL_BYTES);
    });
    channel.on((message) => {
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
    this.channel.send(message);
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
        this.channel.off(onMessage);
        resolve(telemetry);
      };
      this.channel.on(onMessage);
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

function pythonStrategyOf(name: string): PythonStrategy | undefined {
  if (!isStrategyName(name)) return undefined;
  const strategy = getStrategy(name);
  return strategy.runtime === 'python' ? strategy : undefined;
}

/** Starts the process: the Node.js entry over IPC, or Debian's python3 with serve.py over JSON lines. */
function launch(config: ServerConfig): RunningServer {
  const python = pythonStrategyOf(config.strategy);
  if (python) {
    if (!python.workloads.includes(config.workload)) {
      throw new ServerError(`${config.strategy}/${config.workload}: the Python servers do not implement workload '${config.workload}'; implemented: ${python.workloads.join(', ')}`, '');
    }
    const child = spawn(PYTHON_EXECUTABLE, ['-u', pythonServerEntryPath(), JSON.stringify(config), python.mode], {
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    });
    return new RunningServer(child, config, jsonLineChannel(child));
  }
  const child = fork(serverEntryPath(config.strategy), [JSON.stringify(config)], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    detached: true,
    execArgv: [],
    serialization: 'json',
  });
  return new RunningServer(child, config);
}

/** Starts the server (Node.js or Python) and waits (bounded) for `{type:'ready'}`. */
export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const readyTimeoutMs = options.readyTimeoutMs ?? 20_000;
  const server = launch(config);
  const child = server.child;
  try {
    server.url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`server did not report ready within ${readyTimeoutMs} ms`)),
        readyTimeoutMs,
      );
      server.channel.on((message: ServerToParent) => {
        if (message.type === 'ready') {
          clearTimeout(timer);
          if (message.facts) server.facts = message.facts;
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
