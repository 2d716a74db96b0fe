/**
 * The one server entry. The harness forks it with a ServerConfig (argv[2], JSON) and an
 * IPC channel; it listens on 127.0.0.1 port 0 and reports `{type:'ready', url}`. It
 * answers `reset` (open the measured window) and `collect` (event-loop telemetry), ends
 * on SIGTERM, and exits by itself if the harness goes away (IPC disconnect), so it can
 * never outlive the run that started it.
 *
 * Standalone mode (no IPC channel: started by hand, or under clinic, which spawns its
 * target without one): the URL is printed as one stdout line `LOOPBENCH_READY <url>`;
 * on SIGINT/SIGTERM the server closes and lets the event loop drain instead of calling
 * process.exit(), because clinic doctor/bubbleprof flush their samples on 'beforeExit',
 * which process.exit() skips. With LOOPBENCH_PARENT_PID set, it stops when that process
 * is gone (the stand-in for the IPC disconnect).
 */
import cluster from 'node:cluster';
import type { AddressInfo } from 'node:net';
import { READY_LINE_PREFIX, type ParentToServer, type ServerConfig, type ServerTelemetry, type ServerToParent, type WorkerToPrimary } from './protocol.js';
import { buildApp } from './route.js';
import { getStrategy } from './strategies/index.js';
import type { NodeStrategy } from './strategies/types.js';
import { LoopTelemetry, mergeTelemetry } from './telemetry.js';
import { getWorkload } from './workloads/index.js';

function readConfig(): ServerConfig {
  const raw = process.argv[2];
  if (!raw) throw new Error('serve: missing ServerConfig JSON in argv[2]');
  return JSON.parse(raw) as ServerConfig;
}

function send(message: ServerToParent | WorkerToPrimary): void {
  process.send?.(message);
}

/** No IPC channel: see "Standalone mode" above. Fixed at start (cluster workers always have one). */
const standalone = typeof process.send !== 'function';
/** Upper bound on the natural drain after a standalone stop, then process.exit(). */
const STANDALONE_EXIT_GRACE_MS = 10_000;
const PARENT_POLL_MS = 1000;

function reportReady(message: ServerToParent & { type: 'ready' }): void {
  if (standalone) process.stdout.write(`${READY_LINE_PREFIX} ${message.url}\n`);
  else send(message);
}

/**
 * Ends the process after a stop: at once with IPC; standalone, by letting the loop drain
 * (so 'beforeExit' hooks run), bounded by STANDALONE_EXIT_GRACE_MS.
 */
function exitAfterStop(code: number): void {
  if (!standalone) process.exit(code);
  process.exitCode = code;
  setTimeout(() => process.exit(code), STANDALONE_EXIT_GRACE_MS).unref();
}

/** Standalone with LOOPBENCH_PARENT_PID: calls `stop` once that process is gone. */
function watchParent(stop: () => void): NodeJS.Timeout | undefined {
  const parentPid = Number(process.env['LOOPBENCH_PARENT_PID']);
  if (!standalone || !Number.isSafeInteger(parentPid) || parentPid <= 0) return undefined;
  const timer = setInterval(() => {
    try {
      process.kill(parentPid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EPERM') return; // alive, not ours to signal
      clearInterval(timer);
      stop();
    }
  }, PARENT_POLL_MS);
  timer.unref();
  return timer;
}

/** One HTTP server process: a single-process strategy, or one cluster worker. */
async function runServerProcess(config: ServerConfig): Promise<void> {
  const strategy = nodeStrategy(config.strategy);
  const workload = getWorkload(config.workload);
  const telemetry = new LoopTelemetry();
  const instance = await strategy.createHandler({
    workloadName: config.workload,
    workload,
    params: config.params,
    poolSize: config.poolSize,
  });
  const app = buildApp(instance.handle, telemetry, config.injectSlowdownPct);
  await app.listen({ host: config.host, port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;

  let stopping = false;
  let parentWatch: NodeJS.Timeout | undefined;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    clearInterval(parentWatch);
    // Do not wait for keep-alive connections the load generator may still hold.
    app.server.closeAllConnections?.();
    await Promise.race([
      Promise.allSettled([app.close(), instance.close()]),
      new Promise((resolve) => setTimeout(resolve, 2000).unref()),
    ]);
    exitAfterStop(code);
  };
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGINT', () => void stop(0));
  process.on('disconnect', () => void stop(0));
  if (!cluster.isWorker) parentWatch = watchParent(() => void stop(0));
  process.on('message', (message: ParentToServer) => {
    if (message.type === 'reset') telemetry.reset();
    else if (message.type === 'collect') send({ type: 'telemetry', telemetry: telemetry.collect() });
  });

  if (cluster.isWorker) send({ type: 'worker-ready', url });
  else reportReady({ type: 'ready', url, pid: process.pid });
}

/** node:cluster primary: forks poolSize server processes, relays the harness's messages. */
async function runClusterPrimary(config: ServerConfig): Promise<void> {
  const workers = Array.from({ length: config.poolSize }, () => cluster.fork());
  const urls = await Promise.all(
    workers.map(
      (worker) =>
        new Promise<string>((resolve, reject) => {
          worker.once('exit', (code) => reject(new Error(`cluster worker exited during start (code ${code})`)));
          worker.on('message', (message: WorkerToPrimary) => {
            if (message.type === 'worker-ready') resolve(message.url);
          });
        }),
    ),
  );

  const collect = () =>
    Promise.all(
      workers.map(
        (worker) =>
          new Promise<ServerTelemetry>((resolve) => {
            const onMessage = (message: WorkerToPrimary) => {
              if (message.type !== 'telemetry') return;
              worker.off('message', onMessage);
              resolve(message.telemetry);
            };
            worker.on('message', onMessage);
            worker.send({ type: 'collect' } satisfies ParentToServer);
          }),
      ),
    );

  let stopping = false;
  let parentWatch: NodeJS.Timeout | undefined;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    clearInterval(parentWatch);
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            worker.once('exit', () => resolve());
            worker.process.kill('SIGTERM');
          }),
      ),
    );
    exitAfterStop(0);
  };
  cluster.on('exit', (worker, code, signal) => {
    if (!stopping) {
      send({ type: 'fatal', message: `cluster worker ${worker.process.pid} died (code ${code}, signal ${signal})` });
    }
  });
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.on('disconnect', () => void stop());
  parentWatch = watchParent(() => void stop());
  process.on('message', (message: ParentToServer) => {
    if (message.type === 'reset') for (const worker of workers) worker.send(message);
    else if (message.type === 'collect') {
      void collect().then((parts) => send({ type: 'telemetry', telemetry: mergeTelemetry(parts) }));
    }
  });
  reportReady({ type: 'ready', url: urls[0]!, pid: process.pid });
}

/** This entry runs Node.js strategies only; Python ones start servers/python/serve.py. */
function nodeStrategy(name: string): NodeStrategy {
  const strategy = getStrategy(name);
  if (strategy.runtime !== 'node') throw new Error(`serve: '${name}' is a ${strategy.runtime} strategy; the harness starts it with servers/python/serve.py`);
  return strategy;
}

async function main(): Promise<void> {
  const config = readConfig();
  const strategy = nodeStrategy(config.strategy);
  if (strategy.topology === 'prefork' && cluster.isPrimary) await runClusterPrimary(config);
  else await runServerProcess(config);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`serve: ${message}\n`);
  send({ type: 'fatal', message });
  process.exit(1);
});
