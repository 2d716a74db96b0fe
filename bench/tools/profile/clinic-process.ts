/**
 * One `clinic <tool> -- node dist/servers/serve.js '<config>'` process tree.
 *
 * clinic is spawned `detached`, so it leads a process group holding clinic, the server
 * and any pool children: a Ctrl-C in the terminal reaches only loopbench, and the stop
 * signal (bench/tools/profile/tools.ts) and a final SIGKILL go to that group, which is only ever
 * what this module started. The server has no IPC channel under clinic: it prints
 * `LOOPBENCH_READY <url>` on stdout (servers/serve.ts), read here with a bounded wait,
 * and watches LOOPBENCH_PARENT_PID so it stops if loopbench dies without cleaning up.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { READY_LINE_PREFIX, type ServerConfig } from '../../../servers/protocol.js';
import { serverEntryPath } from '../../paths.js';
import { ServerError } from '../../errors.js';
import { CLINIC_STOP_SIGNAL, type ProfileTool } from './tools.js';

const OUTPUT_TAIL_BYTES = 8192;
const GENERATED_LINE = /^Generated HTML file is (file:\S+)/;

export interface ClinicStartOptions {
  tool: ProfileTool;
  config: ServerConfig;
  /** clinic's working directory: 0x (flame) writes its temporary V8 logs there. */
  workDir: string;
  /** clinic's `--dest`: where it writes its data folder and HTML. */
  destDir: string;
  readyTimeoutMs?: number;
  /** Aborting gives up waiting for the ready line (the group is then killed). */
  signal?: AbortSignal;
}

export interface ClinicExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Every clinic group started by this process and not yet seen gone (for exit hooks). */
const liveGroups = new Set<ClinicProcess>();

/** The clinic CLI of the installed package (run with this Node, no shell, no .bin lookup). */
export function clinicBinPath(): string {
  return createRequire(import.meta.url).resolve('clinic/bin.js');
}

/**
 * clinic's argv. The server config travels as one JSON argument; clinic parses its argv
 * with subarg, which treats an argument starting with `[` or ending with `]` as a nested
 * list even after `--`: a JSON object starts with `{` and ends with `}`, so it is safe.
 */
export function clinicArgs(tool: ProfileTool, destDir: string, config: ServerConfig): string[] {
  return [clinicBinPath(), tool, '--no-open', '--dest', destDir, '--', process.execPath, serverEntryPath(config.strategy), JSON.stringify(config)];
}

function tailOf(text: string, lines = 25): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}

export class ClinicProcess {
  private stdout = '';
  private partialLine = '';
  private stderr = '';
  private exitInfo: ClinicExit | undefined;
  private readonly exited: Promise<ClinicExit>;
  private readyListener: ((url: string) => void) | undefined;
  private stopSent = false;
  /** The server's URL, once it printed its ready line. */
  url = '';
  /** The HTML clinic announced ("Generated HTML file is file://..."). */
  announcedHtml: string | undefined;

  private constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => this.onStdout(chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-OUTPUT_TAIL_BYTES);
    });
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        resolve(this.exitInfo);
      });
    });
    liveGroups.add(this);
  }

  /** Spawns clinic and waits (bounded) for the server's ready line. */
  static async start(options: ClinicStartOptions): Promise<ClinicProcess> {
    const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
    const child = spawn(process.execPath, clinicArgs(options.tool, options.destDir, options.config), {
      cwd: options.workDir,
      // No TTY anywhere: clinic must not prompt (NO_INSIGHT) nor start an update check
      // in the background (NO_UPDATE_NOTIFIER); stdin is an empty pipe.
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
      env: { ...process.env, NO_INSIGHT: '1', NO_UPDATE_NOTIFIER: '1', LOOPBENCH_PARENT_PID: String(process.pid) },
    });
    child.stdin?.end();
    const clinic = new ClinicProcess(child);
    let onAbort: (() => void) | undefined;
    try {
      clinic.url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`the server did not print '${READY_LINE_PREFIX} <url>' within ${readyTimeoutMs} ms`)),
          readyTimeoutMs,
        );
        clinic.readyListener = (url) => {
          clearTimeout(timer);
          resolve(url);
        };
        child.once('exit', (code, signal) => {
          clearTimeout(timer);
          reject(new Error(`clinic ${options.tool} exited before the server was ready (code ${code}, signal ${signal})`));
        });
        child.once('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
        onAbort = () => {
          clearTimeout(timer);
          reject(new Error('interrupted while the server was starting'));
        };
        if (options.signal?.aborted) onAbort();
        options.signal?.addEventListener('abort', onAbort, { once: true });
      });
    } catch (error) {
      await clinic.kill();
      throw new ServerError(`clinic ${options.tool}, ${options.config.strategy}/${options.config.workload}: ${(error as Error).message}`, clinic.outputTail());
    } finally {
      clinic.readyListener = undefined;
      if (onAbort) options.signal?.removeEventListener('abort', onAbort);
    }
    return clinic;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  private onStdout(text: string): void {
    this.stdout = (this.stdout + text).slice(-OUTPUT_TAIL_BYTES);
    const lines = (this.partialLine + text).split('\n');
    this.partialLine = lines.pop() ?? '';
    for (const raw of lines) {
      const line = raw.trim();
      if (line.startsWith(`${READY_LINE_PREFIX} `)) this.readyListener?.(line.slice(READY_LINE_PREFIX.length + 1).trim());
      const generated = GENERATED_LINE.exec(line);
      if (generated) this.announcedHtml = fileURLToPath(generated[1]!);
    }
  }

  /** The last lines clinic and the server wrote (stderr, then stdout), for error messages. */
  outputTail(): string {
    const parts = [];
    if (this.stderr.trim()) parts.push(`stderr:\n${tailOf(this.stderr)}`);
    if (this.stdout.trim()) parts.push(`stdout:\n${tailOf(this.stdout, 10)}`);
    return parts.join('\n');
  }

  hasExited(): ClinicExit | undefined {
    return this.exitInfo;
  }

  /** Whether any process of the group (clinic, the server, pool children) is still alive. */
  groupAlive(): boolean {
    if (this.pid <= 0) return false;
    try {
      process.kill(-this.pid, 0);
      return true;
    } catch {
      return false;
    }
  }

  /** Ctrl-C to the group: the server ends, clinic analyses and writes its HTML. Sent once. */
  requestReport(): void {
    if (this.stopSent || this.exitInfo) return;
    this.stopSent = true;
    this.signalGroup(CLINIC_STOP_SIGNAL);
  }

  /** Waits for clinic to exit; undefined when it did not within `timeoutMs`. */
  async waitForExit(timeoutMs: number): Promise<ClinicExit | undefined> {
    if (this.exitInfo) return this.exitInfo;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGKILL to the whole group, then wait (bounded) for clinic's exit. */
  async kill(): Promise<void> {
    this.signalGroup('SIGKILL');
    await this.waitForExit(5000);
    if (!this.groupAlive()) liveGroups.delete(this);
  }

  /**
   * After clinic exited: end what it left in its group (a server that did not stop),
   * SIGTERM then SIGKILL. Returns whether anything had to be ended.
   */
  async reapGroup(graceMs = 3000): Promise<boolean> {
    if (!this.groupAlive()) {
      liveGroups.delete(this);
      return false;
    }
    this.signalGroup('SIGTERM');
    const deadline = Date.now() + graceMs;
    while (this.groupAlive() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    if (this.groupAlive()) this.signalGroup('SIGKILL');
    await this.waitForExit(5000);
    liveGroups.delete(this);
    return true;
  }

  /** Synchronous SIGKILL to the group (for 'exit' hooks). */
  killNow(): void {
    this.signalGroup('SIGKILL');
    liveGroups.delete(this);
  }

  private signalGroup(signal: NodeJS.Signals): void {
    if (this.pid <= 0) return;
    try {
      process.kill(-this.pid, signal);
    } catch {
      // the group is already gone
    }
  }
}

/** SIGKILL to every clinic group this process started and has not seen gone (exit hook). */
export function killAllClinicGroups(): void {
  for (const clinic of [...liveGroups]) clinic.killNow();
}
