/**
 * The load generators compared on one server: loopbench's closed drivers — `loopbench`
 * (the lean default, bench/drivers/lean/closed.ts) and `loopbench-autocannon` (the
 * `--driver autocannon` alternative) — and wrk, plus diagnostic variants (`--diagnose`)
 * that remove one cost at a time from autocannon and wrk. Every generator runs on one
 * thread and reports its own CPU.
 */
import type { WorkloadParams } from '../../../servers/workloads/types.js';
import { runClosedLoad } from '../../drivers/autocannon/closed.js';
import { runLeanClosedLoad } from '../../drivers/lean/closed.js';
import { bodyCheckFor, expectedBodyFor, workPath, type BodyCheck } from '../../run/validate-response.js';
import { NGINX_BODY, nginxBodyCheck } from './nginx.js';
import type { ClientFigures } from '../../types.js';
import { runBareAutocannon } from './autocannon-variants.js';
import { runWrkLoad } from './wrk-driver.js';

export type GeneratorName =
  | 'loopbench'
  | 'wrk'
  | 'loopbench-autocannon'
  | 'loopbench-autocannon-nocheck'
  | 'autocannon-fresh-id'
  | 'autocannon-static'
  | 'wrk-static';

export interface LoadTarget {
  /** Origin of the server, e.g. http://127.0.0.1:PORT. */
  url: string;
  workload: string;
  params: WorkloadParams;
  connections: number;
  durationS: number;
  signal?: AbortSignal;
}

export interface GeneratorRun {
  client: ClientFigures;
  /** wrk prints p75; the autocannon-based drivers do not. */
  p75Ms?: number;
  /** The generator's own CPU (user + system) over the load, s; undefined when unreadable. */
  cpuS: number | undefined;
  cpuSource: 'process.cpuUsage' | 'lua-proc-self-stat' | 'proc-poll' | 'none';
  /** Wall time of the load call, s (connect + duration + close). */
  wallS: number;
  /** Whether every answer's body was validated. */
  bodiesChecked: boolean;
}

export interface Generator {
  name: GeneratorName;
  description: string;
  /** Diagnostic variants only run with --diagnose, on noop. */
  diagnostic: boolean;
  run(target: LoadTarget): Promise<GeneratorRun>;
}

const PATH_PREFIX = '/work?id=';

/** Runs an in-process driver and charges it this process's CPU over the call. */
async function inProcess(load: () => Promise<ClientFigures>, bodiesChecked: boolean): Promise<GeneratorRun> {
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  const client = await load();
  const cpu = process.cpuUsage(cpuStart);
  return {
    client,
    cpuS: (cpu.user + cpu.system) / 1e6,
    cpuSource: 'process.cpuUsage',
    wallS: (performance.now() - wallStart) / 1000,
    bodiesChecked,
  };
}

async function viaWrk(target: LoadTarget, staticPath: boolean): Promise<GeneratorRun> {
  const result = await runWrkLoad({
    url: target.url,
    pathPrefix: PATH_PREFIX,
    staticPath,
    connections: target.connections,
    durationS: target.durationS,
    ...(target.signal ? { signal: target.signal } : {}),
  });
  const { p75Ms, ...client } = result.client;
  return { client, p75Ms, cpuS: result.cpuS, cpuSource: result.cpuSource, wallS: result.wallS, bodiesChecked: false };
}

/** How answers are checked: nginx's one fixed body, or the workload's check. */
export function checksFor(workload: string, params: WorkloadParams): { check: BodyCheck; expectedBody?: (id: number) => string } {
  if (workload === NGINX_WORKLOAD) return { check: nginxBodyCheck, expectedBody: () => NGINX_BODY };
  const expectedBody = expectedBodyFor(workload, params);
  return { check: bodyCheckFor(workload, params), ...(expectedBody ? { expectedBody } : {}) };
}

function lean(target: LoadTarget): Promise<ClientFigures> {
  const { check, expectedBody } = checksFor(target.workload, target.params);
  return runLeanClosedLoad({
    url: target.url,
    pathFor: (id) => workPath(id),
    connections: target.connections,
    durationS: target.durationS,
    check,
    ...(expectedBody ? { expectedBody } : {}),
    ...(target.signal ? { signal: target.signal } : {}),
  });
}

function closed(target: LoadTarget, check: ReturnType<typeof bodyCheckFor>): Promise<ClientFigures> {
  return runClosedLoad({
    url: target.url,
    pathFor: (id) => workPath(id),
    connections: target.connections,
    durationS: target.durationS,
    check,
    ...(target.signal ? { signal: target.signal } : {}),
  });
}

export const generators: Record<GeneratorName, Generator> = {
  loopbench: {
    name: 'loopbench',
    description: "loopbench's default closed driver as the suites use it (lean, on node:net in-process, fresh id, every body validated, µs HDR)",
    diagnostic: false,
    run: (t) => inProcess(() => lean(t), true),
  },
  wrk: {
    name: 'wrk',
    description: 'wrk -t1 with a Lua request() giving a fresh id per request; bodies not read',
    diagnostic: false,
    run: (t) => viaWrk(t, false),
  },
  'loopbench-autocannon': {
    name: 'loopbench-autocannon',
    description: "loopbench's --driver autocannon (autocannon in-process, fresh id, every body validated, µs HDR)",
    diagnostic: false,
    run: (t) => inProcess(() => closed(t, checksFor(t.workload, t.params).check), true),
  },
  'loopbench-autocannon-nocheck': {
    name: 'loopbench-autocannon-nocheck',
    description: "loopbench's --driver autocannon with a body check that accepts everything (onResponse still runs)",
    diagnostic: true,
    run: (t) => inProcess(() => closed(t, () => undefined), false),
  },
  'autocannon-fresh-id': {
    name: 'autocannon-fresh-id',
    description: 'bare autocannon, setupRequest fresh id, no onResponse',
    diagnostic: true,
    run: (t) =>
      inProcess(
        () => runBareAutocannon({ url: t.url, pathFor: workPath, mode: 'fresh-id', connections: t.connections, durationS: t.durationS, ...(t.signal ? { signal: t.signal } : {}) }),
        false,
      ),
  },
  'autocannon-static': {
    name: 'autocannon-static',
    description: 'bare autocannon, one fixed path (prebuilt request), no onResponse',
    diagnostic: true,
    run: (t) =>
      inProcess(
        () => runBareAutocannon({ url: t.url, pathFor: workPath, mode: 'static', connections: t.connections, durationS: t.durationS, ...(t.signal ? { signal: t.signal } : {}) }),
        false,
      ),
  },
  'wrk-static': {
    name: 'wrk-static',
    description: 'wrk -t1, one fixed path (no Lua per request)',
    diagnostic: true,
    run: (t) => viaWrk(t, true),
  },
};

/** The pseudo-workload "nginx": nginx's in-memory 200 (bench/tools/peer/nginx.ts) instead of a loopbench server. */
export const NGINX_WORKLOAD = 'nginx';

/** The generators of one workload, in the order they alternate (on nginx: loopbench and wrk only). */
export function generatorsFor(workload: string, diagnose: boolean): Generator[] {
  const all = Object.values(generators);
  if (workload === NGINX_WORKLOAD) return all.filter((g) => g.name === 'loopbench' || g.name === 'wrk');
  return all.filter((g) => !g.diagnostic || (diagnose && workload === 'noop'));
}
