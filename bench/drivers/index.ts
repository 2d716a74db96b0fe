/**
 * Chooses the load driver for a scenario's load kind: closed model (the lean hand-written
 * driver by default, lean-closed-driver.ts; autocannon with `--driver autocannon`) or open
 * model (bench/drivers/open-model/driver.ts, hand-written; see their headers for why).
 */
import { segmentConnections } from '../segment.js';
import type { PartSpec } from '../shard.js';
import type { ClientFigures, ClosedLoad, Load, RateLoad } from '../types.js';
import { runClosedLoad, type ClosedLoadOptions } from './autocannon/closed.js';
import { pathTemplateOf, runClosedThreaded, runOpenModelThreaded, type CheckSpec } from './threads/generator-threads.js';
import { runLeanClosedLoad } from './lean/closed.js';
import { runOpenModel, type OpenModelOptions } from './open-model/driver.js';
import type { BodyCheck } from '../run/validate-response.js';

export interface DriveOptions {
  url: string;
  /** Path for request id N. The open model appends `id=N` itself to `basePath`. */
  pathFor(id: number): string;
  basePath: string;
  check: BodyCheck;
  /** The exact body of a correct answer, when known (the lean driver's fast path). */
  expectedBody?: (id: number) => string | undefined;
  durationS: number;
  /** Closed model: warm-up inside the same continuous load (see closed-driver.ts). */
  warmupS?: number;
  /** Closed model: called when the measured window opens. */
  onWindowStart?: () => void;
  signal?: AbortSignal;
  firstId?: number;
  /** Closed model: which driver (default lean). */
  closedDriver?: ClosedDriverName;
  /** `--threads`: generator threads (default 1: this thread). Above 1 needs `checkSpec` and the lean closed driver. */
  threads?: number;
  /** The answer check as data, rebuilt in each generator thread (threads > 1). */
  checkSpec?: CheckSpec;
  /** `--segment i/n`: this generator's part of the load (bench/segment.ts). */
  segment?: PartSpec;
}

export const closedDriverNames = ['lean', 'autocannon'] as const;
export type ClosedDriverName = (typeof closedDriverNames)[number];
export const DEFAULT_CLOSED_DRIVER: ClosedDriverName = 'lean';

/**
 * Whether the open-model driver takes a load's `ramp` (arrival-schedule.ts): the
 * single-thread driver does; the threaded one (`--threads N`) does not yet and refuses it.
 */
export const OPEN_MODEL_TAKES_RAMP = true;

/** What every closed-model driver takes (single thread or threaded, lean or autocannon). */
type ClosedCommon = Omit<ClosedLoadOptions, 'pathFor' | 'check'>;

function closedCommon(load: ClosedLoad, options: DriveOptions): ClosedCommon {
  const warmupS = options.warmupS ?? 0;
  return {
    url: options.url,
    connections: options.segment ? segmentConnections(load.connections, options.segment) : load.connections,
    durationS: options.durationS,
    warmupS,
    // Spread the connections' start over half the warm-up so they are not in lockstep.
    staggerS: warmupS / 2,
    ...(options.onWindowStart ? { onWindowStart: options.onWindowStart } : {}),
    ...(options.firstId !== undefined ? { firstId: options.firstId } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
}

/** What every open-model driver takes (single thread or threaded). */
type OpenCommon = Pick<OpenModelOptions, 'url' | 'path' | 'ratePerS' | 'durationS' | 'arrival' | 'maxConnections' | 'segment' | 'signal'>;

function openCommon(load: RateLoad, options: DriveOptions): OpenCommon {
  return {
    url: options.url,
    path: options.basePath,
    ratePerS: load.ratePerS,
    durationS: options.durationS,
    arrival: load.arrival,
    maxConnections: load.maxConnections,
    ...(options.segment ? { segment: options.segment } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
}

/** A segment is offered its share of the rate; the merged run's requested rate is the sum. */
function withSegmentRate(figures: ClientFigures, load: RateLoad, options: DriveOptions): ClientFigures {
  return options.segment ? { ...figures, requestedRatePerS: load.ratePerS / options.segment.count } : figures;
}

export function drive(load: Load, options: DriveOptions): Promise<ClientFigures> {
  const threads = options.threads ?? 1;
  if (threads > 1) {
    if (!options.checkSpec) throw new Error('--threads > 1: this load has no answer check a thread can rebuild');
    if (load.kind === 'closed') {
      if ((options.closedDriver ?? DEFAULT_CLOSED_DRIVER) !== 'lean') throw new Error('--threads > 1 needs the lean closed driver');
      return runClosedThreaded({ ...closedCommon(load, options), pathTemplate: pathTemplateOf(options.pathFor), threads, check: options.checkSpec });
    }
    if (load.ramp) return Promise.reject(new Error('a ramping arrival rate runs on one generator thread: drop --threads'));
    return runOpenModelThreaded({ ...openCommon(load, options), threads, check: options.checkSpec }).then(({ figures }) => withSegmentRate(figures, load, options));
  }
  if (load.kind === 'closed') {
    const closedLoad = (options.closedDriver ?? DEFAULT_CLOSED_DRIVER) === 'lean' ? runLeanClosedLoad : runClosedLoad;
    return closedLoad({
      ...closedCommon(load, options),
      pathFor: options.pathFor,
      check: options.check,
      ...(options.expectedBody ? { expectedBody: options.expectedBody } : {}),
    });
  }
  let firstWrong: string | undefined;
  return runOpenModel({
    ...openCommon(load, options),
    ...(load.ramp ? { ramp: load.ramp } : {}),
    ...(options.expectedBody ? { expectedBody: options.expectedBody } : {}),
    validate: (status, body, id) => {
      const problem = options.check(status, body, id);
      if (problem) firstWrong ??= problem;
      return problem === undefined;
    },
  }).then((figures) => ({ ...withSegmentRate(figures, load, options), ...(firstWrong ? { firstWrongBody: firstWrong } : {}) }));
}
