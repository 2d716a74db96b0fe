/**
 * The one server entry. The harness forks it with a ServerConfig (argv[2], JSON) and an
 * IPC channel; it listens on 127.0.0.1 port 0 and reports `{type:'ready', url}`. It
 * answers `reset` (open the measured window) and `collect` (event-loop telemetry), ends
 * on SIGTERM, and exits by itself if the harness goes away (IPC disconnect), so it can
 * never outlive the run that started it.
 */
import cluster from 'node:cluster';
import type { AddressInfo } from 'node:net';
import type { ParentToServer, ServerConfig, ServerTelemetry, ServerToParent, WorkerToPrimary } from './protocol.js';
import { buildApp } from './route.js';
import { getStrategy } from './strategies/index.js';
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

/** One HTTP server process: a single-process strategy, or one cluster worker. */
async function runServerProcess(config: ServerConfig): Promise<void> {
  const strategy = getStrategy(config.strategy);
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
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    // Do not wait for keep-alive connections the load generator may still hold.
    app.server.closeAllConnections?.();
    await Promise.race([
      Promise.allSettled([app.close(), instance.close()]),
      new Promise((resolve) => setTimeout(resolve, 2000).unref()),
    ]);
    process.exit(code);
  };
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGINT', () => void stop(0));
  process.on('disconnect', () => void stop(0));
  process.on('message', (message: ParentToServer) => {
    if (message.type === 'reset') telemetry.reset();
    else if (message.type === 'collect') send({ type: 'telemetry', telemetry: telemetry.collect() });
  });

  send(cluster.isWorker ? { type: 'worker-ready', url } : { type: 'ready', url, pid: process.pid });
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
  const stop = async () => {
    if (stopping) return;
    stopping = true;
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
    process.exit(0);
  };
  cluster.on('exit', (worker, code, signal) => {
    if (!stopping) {
      send({ type: 'fatal', message: `cluster worker ${worker.process.pid} died (code ${code}, signal ${signal})` });
    }
  });
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.on('disconnect', () => void stop());
  process.on('message', (message: ParentToServer) => {
    if (message.type === 'reset') for (const worker of workers) worker.send(message);
    else if (message.type === 'collect') {
      void collect().then((parts) => send({ type: 'telemetry', telemetry: mergeTelemetry(parts) }));
    }
  });
  send({ type: 'ready', url: urls[0]!, pid: process.pid });
}

async function main(): Promise<void> {
  const config = readConfig();
  const strategy = getStrategy(config.strategy);
  if (strategy.topology === 'prefork' && cluster.isPrimary) await runClusterPrimary(config);
  else await runServerProcess(config);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`serve: ${message}\n`);
  send({ type: 'fatal', message });
  process.exit(1);
});
