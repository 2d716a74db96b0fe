/**
 * `--threads N`, as wrk has: N generator worker_threads, each with its own connections and
 * event loop, for targets on another host or a machine with cores to spare (on a 2-core
 * box shared with the server the default stays 1: a second generator thread takes the
 * server's core).
 *
 * Open model: every thread computes the one schedule and takes arrivals i with
 * i % N == k (interleaved), so the merged schedule is exactly the single-thread one; all
 * threads start their window at the same instant (an absolute time passed to each), and
 * maxConnections is split between them. Closed model (lean driver): the connections are
 * split, each thread numbers its requests from its own disjoint id range.
 * Merged exactly: counts summed, histograms added bucket by bucket (LatencyHistogram
 * decode/add), per-second series added second by second (PerSecondSeries.addExported).
 *
 * Functions cannot cross threads, so each thread rebuilds the answer check from a
 * `CheckSpec` (plain data). Worker code: generator-thread-worker.ts, loaded from dist/
 * when this module runs from sources (vitest), so `npm run build` must have run.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkloadParams } from '../../../servers/workloads/types.js';
import { packageRoot } from '../../paths.js';
import type { ClientFigures, ExternalTarget } from '../../types.js';
import { UsageError } from '../../errors.js';
import type { LeanClosedLoadOptions } from '../lean/closed.js';
import { LatencyHistogram } from '../latency-histogram.js';
import type { OpenModelOptions, OpenModelShardResult } from '../open-model/driver.js';
import { PerSecondSeries } from '../per-second-series.js';
import { targetBodyCheck } from '../../run/target.js';
import { bodyCheckFor, expectedBodyFor, type BodyCheck } from '../../run/validate-response.js';

/** How a generator thread checks answers: rebuilt in the thread from this data. */
export type CheckSpec =
  | { kind: 'workload'; workload: string; params: WorkloadParams; variant?: string }
  | { kind: 'target'; target: ExternalTarget }
  | { kind: 'exact'; body: string }
  | { kind: 'none' };

export function checkFromSpec(spec: CheckSpec): { check: BodyCheck; expectedBody?: (id: number) => string | undefined } {
  switch (spec.kind) {
    case 'workload': {
      const expectedBody = expectedBodyFor(spec.workload, spec.params, spec.variant);
      return { check: bodyCheckFor(spec.workload, spec.params, spec.variant), ...(expectedBody ? { expectedBody } : {}) };
    }
    case 'target':
      return { check: targetBodyCheck(spec.target) };
    case 'exact':
      return {
        check: (status, body) => (status !== 200 ? `status ${status}` : body === spec.body ? undefined : `unexpected body ${body.slice(0, 80)}`),
        expectedBody: () => spec.body,
      };
    case 'none':
      return { check: () => undefined };
  }
}

/** The largest --threads accepted: more threads than this many per core only contend. */
export const MAX_THREADS_PER_CORE = 4;

/** Parses and checks `--threads`: an integer from 1 to cores × MAX_THREADS_PER_CORE. */
export function parseThreads(text: string | undefined, cores = availableParallelism()): number {
  if (text === undefined) return 1;
  const max = cores * MAX_THREADS_PER_CORE;
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1) throw new UsageError(`--threads must be a whole number >= 1; got '${text}'`);
  const n = Number(text);
  if (n > max) throw new UsageError(`--threads ${n} is more than ${MAX_THREADS_PER_CORE} per core (${cores} cores: at most ${max}); use fewer threads`);
  return n;
}

/** Thread k's share of `total` (connections): as even as possible, the first ones get the remainder. */
export function shareOf(total: number, threads: number, k: number): number {
  return Math.floor(total / threads) + (k < total % threads ? 1 : 0);
}

/** Each thread's requests are numbered from firstId + k × this (disjoint ranges). */
export const THREAD_ID_STRIDE = 100_000_000;

// Messages between the main thread and a generator thread.
export type ThreadJob =
  | { kind: 'open'; options: Omit<OpenModelOptions, 'validate' | 'expectedBody' | 'signal' | 'startAtMs'>; check: CheckSpec }
  | { kind: 'closed'; options: Omit<LeanClosedLoadOptions, 'pathFor' | 'check' | 'expectedBody' | 'signal' | 'onWindowStart'>; pathTemplate: PathTemplate; check: CheckSpec };
/** pathFor(id) = `${before}${id}${after}` (a function cannot cross threads). */
export interface PathTemplate {
  before: string;
  after: string;
}
/** To a thread: start (the open model's window at this absolute time, performance.timeOrigin + now), or abort. */
export type ToThread = { type: 'start'; startAtEpochMs: number } | { type: 'abort' };
/** Lead time between 'start' and the open model's shared window start. */
export const START_LEAD_MS = 20;
export type ThreadMessage = { type: 'ready' } | { type: 'window-start' } | { type: 'open-result'; result: OpenModelShardResult } | { type: 'closed-result'; figures: ClientFigures } | { type: 'error'; message: string };

export function workerPath(): string {
  const sibling = fileURLToPath(new URL('./generator-thread-worker.js', import.meta.url));
  if (existsSync(sibling)) return sibling;
  const built = join(packageRoot(), 'dist', 'bench', 'drivers', 'threads', 'generator-thread-worker.js');
  if (existsSync(built)) return built;
  throw new Error(`generator thread code missing (${built}): run \`npm run build\` first`);
}

/** Runs one job per thread; aborting posts 'abort' to each. Resolves with every thread's answer. */
async function runThreads(jobs: ThreadJob[], signal: AbortSignal | undefined, onWindowStart?: () => void): Promise<ThreadMessage[]> {
  const path = workerPath();
  let windowStarted = false;
  const workers = jobs.map((job) => new Worker(path, { workerData: job }));
  const onAbort = () => workers.forEach((w) => w.postMessage({ type: 'abort' } satisfies ToThread));
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) onAbort();
  // Every thread loads its code first; then all start together (the open model's windows
  // start at one absolute instant), however long each took to load.
  let ready = 0;
  const onReady = () => {
    if (++ready < workers.length) return;
    const start: ToThread = { type: 'start', startAtEpochMs: performance.timeOrigin + performance.now() + START_LEAD_MS };
    for (const w of workers) w.postMessage(start);
  };
  try {
    return await Promise.all(
      workers.map(
        (worker) =>
          new Promise<ThreadMessage>((resolve, reject) => {
            let answer: ThreadMessage | undefined;
            worker.on('message', (message: ThreadMessage) => {
              if (message.type === 'ready') onReady();
              else if (message.type === 'window-start') {
                if (!windowStarted) onWindowStart?.();
                windowStarted = true;
              } else answer = message;
            });
            worker.once('error', reject);
            worker.once('exit', (code) => {
              if (answer?.type === 'error') reject(new Error(`generator thread: ${answer.message}`));
              else if (answer) resolve(answer);
              else reject(new Error(`generator thread exited (code ${code}) without a result`));
            });
          }),
      ),
    );
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

export interface ThreadedOpenOptions extends Omit<OpenModelOptions, 'validate' | 'expectedBody' | 'shard' | 'startAtMs'> {
  threads: number;
  check: CheckSpec;
}

/** The open model on `threads` generator threads, merged into one ClientFigures. */
export async function runOpenModelThreaded(options: ThreadedOpenOptions): Promise<{ figures: ClientFigures; firstWrongBody?: string }> {
  const { threads, check, signal, ...rest } = options;
  if (!(Number.isInteger(threads) && threads >= 1)) throw new RangeError(`threads must be an integer >= 1, got ${threads}`);
  if (rest.maxConnections < threads) throw new RangeError(`maxConnections (${rest.maxConnections}) must be at least threads (${threads}): each thread needs a connection`);
  const jobs: ThreadJob[] = Array.from({ length: threads }, (_, k) => ({
    kind: 'open',
    options: { ...rest, maxConnections: shareOf(rest.maxConnections, threads, k), shard: { index: k, count: threads } },
    check,
  }));
  const answers = await runThreads(jobs, signal);
  return mergeOpenResults(answers.map((a) => (a as Extract<ThreadMessage, { type: 'open-result' }>).result), rest.durationS, rest.ratePerS);
}

/** Merges the shards of one open-model load (same window): exact. */
export function mergeOpenResults(results: OpenModelShardResult[], durationS: number, ratePerS: number): { figures: ClientFigures; firstWrongBody?: string } {
  const corrected = LatencyHistogram.empty();
  const uncorrected = LatencyHistogram.empty();
  const perSecond = new PerSecondSeries(0, Math.max(...results.map((r) => r.figures.durationS), 0) || durationS);
  let good = 0;
  const sum = (key: 'requests' | 'errors' | 'timeouts' | 'non2xx' | 'wrongBodies' | 'lateSends') => results.reduce((s, r) => s + (r.figures[key] ?? 0), 0);
  for (const r of results) {
    if (r.figures.latencyHistogram) corrected.add(LatencyHistogram.decode(r.figures.latencyHistogram));
    if (r.figures.uncorrectedLatencyHistogram) uncorrected.add(LatencyHistogram.decode(r.figures.uncorrectedLatencyHistogram));
    perSecond.addExported(r.perSecond);
    good += r.goodInWindow;
  }
  const windowS = Math.max(0, ...results.map((r) => r.figures.durationS));
  const firstWrongBody = results.find((r) => r.figures.firstWrongBody)?.figures.firstWrongBody;
  const figures: ClientFigures = {
    requests: sum('requests'),
    durationS: windowS,
    rps: windowS > 0 ? good / windowS : 0,
    latencyMs: corrected.figures(),
    errors: sum('errors'),
    timeouts: sum('timeouts'),
    non2xx: sum('non2xx'),
    wrongBodies: sum('wrongBodies'),
    uncorrectedLatencyMs: uncorrected.figures(),
    requestedRatePerS: ratePerS,
    lateSends: sum('lateSends'),
    latencyHistogram: corrected.encode(),
    uncorrectedLatencyHistogram: uncorrected.encode(),
    perSecond: perSecond.points(),
    ...(firstWrongBody ? { firstWrongBody } : {}),
  };
  return { figures, ...(firstWrongBody ? { firstWrongBody } : {}) };
}

export interface ThreadedClosedOptions extends Omit<LeanClosedLoadOptions, 'pathFor' | 'check' | 'expectedBody'> {
  threads: number;
  pathTemplate: PathTemplate;
  check: CheckSpec;
}

/** The lean closed driver on `threads` generator threads, connections split, merged. */
export async function runClosedThreaded(options: ThreadedClosedOptions): Promise<ClientFigures> {
  const { threads, check, signal, onWindowStart, pathTemplate, ...rest } = options;
  if (!(Number.isInteger(threads) && threads >= 1)) throw new RangeError(`threads must be an integer >= 1, got ${threads}`);
  if (rest.connections < threads) throw new RangeError(`connections (${rest.connections}) must be at least threads (${threads}): each thread needs a connection`);
  const firstId = rest.firstId ?? 1;
  const jobs: ThreadJob[] = Array.from({ length: threads }, (_, k) => ({
    kind: 'closed',
    options: { ...rest, connections: shareOf(rest.connections, threads, k), firstId: firstId + k * THREAD_ID_STRIDE },
    pathTemplate,
    check,
  }));
  const answers = await runThreads(jobs, signal, onWindowStart);
  return mergeClosedFigures(answers.map((a) => (a as Extract<ThreadMessage, { type: 'closed-result' }>).figures));
}

/** Merges closed-model figures of threads that ran over the same window. */
export function mergeClosedFigures(parts: ClientFigures[]): ClientFigures {
  const latency = LatencyHistogram.empty();
  for (const p of parts) {
    if (!p.latencyHistogram) throw new Error('a generator thread returned no latency histogram: cannot merge latencies exactly');
    latency.add(LatencyHistogram.decode(p.latencyHistogram));
  }
  const sum = (key: 'requests' | 'errors' | 'timeouts' | 'non2xx' | 'wrongBodies') => parts.reduce((s, p) => s + p[key], 0);
  const firstWrongBody = parts.find((p) => p.firstWrongBody)?.firstWrongBody;
  return {
    requests: sum('requests'),
    durationS: Math.max(...parts.map((p) => p.durationS)),
    rps: parts.reduce((s, p) => s + p.rps, 0),
    latencyMs: latency.figures(),
    errors: sum('errors'),
    timeouts: sum('timeouts'),
    non2xx: sum('non2xx'),
    wrongBodies: sum('wrongBodies'),
    latencyHistogram: latency.encode(),
    ...(firstWrongBody ? { firstWrongBody } : {}),
    // The lean driver's in-flight grace, summed. (Its per-second series is not merged here:
    // points keep no histogram to merge exactly, so a threaded closed run has none.)
    ...(parts.some((p) => p.inFlightAtEnd !== undefined) ? { inFlightAtEnd: parts.reduce((s, p) => s + (p.inFlightAtEnd ?? 0), 0), answeredInGrace: parts.reduce((s, p) => s + (p.answeredInGrace ?? 0), 0) } : {}),
  };
}

/** `pathFor` as a template, when it puts the id once in an otherwise fixed path (checked). */
export function pathTemplateOf(pathFor: (id: number) => string): PathTemplate {
  const probe = pathFor(73_912_845);
  const at = probe.indexOf('73912845');
  const template = { before: probe.slice(0, at), after: probe.slice(at + 8) };
  if (at < 0 || ![1, 42, 900_000_001].every((id) => `${template.before}${id}${template.after}` === pathFor(id))) {
    throw new RangeError(`--threads needs request paths with the id in one place, e.g. /work?id=N; got ${probe}`);
  }
  return template;
}
