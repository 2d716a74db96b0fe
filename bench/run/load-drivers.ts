/**
 * Chooses the load driver for a scenario's load kind: closed model (autocannon) or open
 * model (bench/run/open-model-driver.ts, hand-written; see its header for why).
 */
import type { ClientFigures, Load } from '../types.js';
import { runClosedLoad } from './closed-driver.js';
import { runOpenModel } from './open-model-driver.js';
import type { BodyCheck } from './validate-response.js';

export interface DriveOptions {
  url: string;
  /** Path for request id N. The open model appends `id=N` itself to `basePath`. */
  pathFor(id: number): string;
  basePath: string;
  check: BodyCheck;
  durationS: number;
  signal?: AbortSignal;
  firstId?: number;
}

export function drive(load: Load, options: DriveOptions): Promise<ClientFigures> {
  const signal = options.signal ? { signal: options.signal } : {};
  if (load.kind === 'closed') {
    return runClosedLoad({
      url: options.url,
      pathFor: options.pathFor,
      connections: load.connections,
      durationS: options.durationS,
      check: options.check,
      ...(options.firstId !== undefined ? { firstId: options.firstId } : {}),
      ...signal,
    });
  }
  let firstWrong: string | undefined;
  return runOpenModel({
    url: options.url,
    path: options.basePath,
    ratePerS: load.ratePerS,
    durationS: options.durationS,
    arrival: load.arrival,
    maxConnections: load.maxConnections,
    validate: (status, body, id) => {
      const problem = options.check(status, body, id);
      if (problem) firstWrong ??= problem;
      return problem === undefined;
    },
    ...signal,
  }).then((figures) => (firstWrong ? { ...figures, firstWrongBody: firstWrong } : figures));
}
