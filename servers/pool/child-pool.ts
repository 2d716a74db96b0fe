import { fork, type ChildProcess } from 'node:child_process';
import type { WorkBody, WorkloadParams, WorkRequest } from '../workloads/types.js';
import type { ChildReplyMessage, ChildStartConfig, ChildTaskMessage } from './child-protocol.js';
import { poolEntryPath } from './paths.js';

interface PendingTask {
  seq: number;
  req: WorkRequest;
  resolve(body: WorkBody): void;
  reject(error: Error): void;
}

interface Member {
  child: ChildProcess;
  busyWith?: PendingTask;
}

/**
 * A small pool of forked processes over IPC, the analog of Python's multiprocessing.Pool:
 * each child runs one task at a time; tasks wait in a FIFO queue for a free child.
 * Written by hand (about 100 lines) because it must stay visible what it costs: one IPC
 * message each way per task, JSON-serialised, and nothing else.
 */
export class ChildPool {
  private readonly members: Member[] = [];
  private readonly queue: PendingTask[] = [];
  private nextSeq = 0;
  private closed = false;

  private constructor() {}

  static async start(size: number, workloadName: string, params: WorkloadParams): Promise<ChildPool> {
    const pool = new ChildPool();
    const config: ChildStartConfig = { workloadName, params };
    try {
      await Promise.all(Array.from({ length: size }, () => pool.addMember(config)));
    } catch (error) {
      // One child failed to start: end the ones that did, so none is left behind.
      await pool.close();
      throw error;
    }
    return pool;
  }

  private addMember(config: ChildStartConfig): Promise<void> {
    const child = fork(poolEntryPath('child-entry.js'), [JSON.stringify(config)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'json',
    });
    const member: Member = { child };
    this.members.push(member);
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.on('exit', (code, signal) => {
        const error = new Error(`pool child ${child.pid} exited (code ${code}, signal ${signal})`);
        if (!this.closed) {
          member.busyWith?.reject(error);
          reject(error);
        }
      });
      child.on('message', (message: ChildReplyMessage) => {
        if (message.type === 'ready') return resolve();
        const task = member.busyWith;
        if (!task || task.seq !== message.seq) return;
        member.busyWith = undefined;
        if (message.type === 'done') task.resolve(message.body);
        else task.reject(new Error(message.message));
        this.dispatch();
      });
    });
  }

  run(req: WorkRequest): Promise<WorkBody> {
    if (this.closed) return Promise.reject(new Error('child pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ seq: this.nextSeq++, req, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (const member of this.members) {
      if (this.queue.length === 0) return;
      if (member.busyWith || member.child.exitCode !== null) continue;
      const task = this.queue.shift()!;
      member.busyWith = task;
      const message: ChildTaskMessage = { type: 'task', seq: task.seq, req: task.req };
      member.child.send(message);
    }
  }

  get pids(): number[] {
    return this.members.map((m) => m.child.pid).filter((pid): pid is number => pid !== undefined);
  }

  /** Ends every child (SIGTERM) and waits for them to exit. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new Error('child pool closed'));
    await Promise.all(
      this.members.map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
  }
}
