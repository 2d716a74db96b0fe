/**
 * A synchronous call into asynchronous code: the analog of a synchronous driver (psycopg2,
 * requests) called from a request handler.
 *
 * A dedicated worker thread owns the async client (a `pg.Client`, `fetch`). The caller
 * posts a request on a MessageChannel and blocks its own thread with `Atomics.wait` on a
 * SharedArrayBuffer cell; the worker runs the request on its event loop, posts the reply,
 * then sets the cell and `Atomics.notify`s. The caller wakes and takes the reply with
 * `receiveMessageOnPort`, without ever returning to its event loop. While it waits, the
 * calling thread does nothing else: exactly what a sync client does to an event loop.
 *
 * Works on the main thread, inside piscina worker threads and in forked pool children;
 * each of those owns its own bridge (and so its own connection).
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

/** What the bridge worker imports: `module`'s export `factory(options)` returns the request handler. */
export interface BridgeTarget {
  /** file: URL of the compiled module that exports the factory. */
  module: string;
  /** Name of the export: `(options) => Promise<(request) => Promise<reply>>`. */
  factory: string;
  /** JSON-serialisable options handed to the factory. */
  options: unknown;
}

export type BridgeHandlerFactory = (options: unknown) => Promise<BridgeHandler>;
export type BridgeHandler = (request: unknown) => Promise<unknown>;

/** Messages on the call port. */
export type BridgeRequest = { seq: number; request: unknown };
export type BridgeReply = { seq: number; ok: true; result: unknown } | { seq: number; ok: false; error: string };

/** workerData of the bridge worker. */
export interface BridgeWorkerData {
  target: BridgeTarget;
  signal: Int32Array;
  port: MessagePort;
}

const READY_SEQ = 0;

export class SyncBridge {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  /** [0]: set to 1 by the worker after each reply; [1]: set to 1 by the worker when it exits. */
  private readonly signal = new Int32Array(new SharedArrayBuffer(8));
  private seq = READY_SEQ;
  private exitReason: string | undefined;

  /**
   * Starts the worker and blocks until its client is ready (the factory resolved), so
   * the constructor is synchronous and can be called from a blocking implementation.
   */
  constructor(
    target: BridgeTarget,
    private readonly timeoutMs = 60_000,
  ) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const workerData: BridgeWorkerData = { target, signal: this.signal, port: port2 };
    this.worker = new Worker(new URL('./sync-bridge-worker.js', import.meta.url), {
      workerData,
      transferList: [port2],
    });
    // The bridge must never keep a process alive on its own.
    this.worker.unref();
    this.worker.on('exit', (code) => {
      this.exitReason ??= `sync bridge worker exited (code ${code})`;
    });
    // Errors are delivered to the caller's loop later; the reply path reports them too.
    this.worker.on('error', (error) => {
      this.exitReason = `sync bridge worker failed: ${error.message}`;
    });
    try {
      this.await(READY_SEQ, 'start');
    } catch (error) {
      void this.worker.terminate();
      throw error;
    }
  }

  /** Sends `request` to the worker and blocks this thread until the reply arrives. */
  call(request: unknown): unknown {
    if (this.exitReason) throw new Error(this.exitReason);
    const seq = ++this.seq;
    this.port.postMessage({ seq, request } satisfies BridgeRequest);
    return this.await(seq, 'call');
  }

  private await(seq: number, what: string): unknown {
    const deadline = performance.now() + this.timeoutMs;
    for (;;) {
      // Reset the cell *before* looking for the reply: the worker posts its reply, then
      // sets the cell. A reply posted before the reset is found by the drain below; one
      // posted after it leaves the cell at 1, so the wait returns at once.
      Atomics.store(this.signal, 0, 0);
      const reply = this.take(seq);
      if (reply) {
        if (reply.ok) return reply.result;
        throw new Error(reply.error);
      }
      // The worker's 'exit' event cannot reach a blocked thread: the worker marks its own
      // death in the second cell (sync-bridge-worker.ts) and wakes the caller.
      if (Atomics.load(this.signal, 1) !== 0) {
        this.exitReason ??= `sync bridge worker exited`;
        throw new Error(`${this.exitReason} (during a ${what})`);
      }
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`sync bridge: no reply to a ${what} within ${this.timeoutMs} ms`);
      Atomics.wait(this.signal, 0, 0, left);
    }
  }

  /** The reply to `seq` if it has arrived; late replies to calls that timed out are dropped. */
  private take(seq: number): BridgeReply | undefined {
    for (let message = receiveMessageOnPort(this.port); message; message = receiveMessageOnPort(this.port)) {
      const reply = message.message as BridgeReply;
      if (reply.seq === seq) return reply;
    }
    return undefined;
  }

  /** Stops the worker (and the client it owns). */
  async close(): Promise<void> {
    this.exitReason ??= 'sync bridge closed';
    this.port.close();
    await this.worker.terminate();
  }
}
