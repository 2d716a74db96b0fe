/**
 * One closed-model peer run: a fresh server, one validated answer, a warm-up by the
 * generator, the measured load, each side's CPU; and the interleaved plan of them.
 */
import { formatPct } from '../../format/index.js';
import { sampleTree } from '../../run/proc-tree.js';
import { invalidReasons, MAX_LOADGEN_CPU_PCT } from '../../run/validity.js';
import type { ClientFigures } from '../../types.js';
import { generatorsFor, NGINX_WORKLOAD, type GeneratorName } from './generators.js';
import { peerParams, type PeerOptions } from './peer-options.js';
import { loadAverage1m, recordServerFailure, startPeerServer, validateNginx, type PeerServer } from './peer-server.js';

export interface PeerRun {
  repetition: number;
  workload: string;
  generator: GeneratorName;
  startedAt: string;
  state: 'ok' | 'invalid' | 'errored';
  reasons: string[];
  /** Notes that do not exclude the run (a saturated generator is what is being compared). */
  warnings: string[];
  client?: ClientFigures;
  p75Ms?: number;
  clientCpuS?: number;
  /** Generator CPU as a share of one core over its wall time. */
  clientCpuPct?: number;
  /** Generator CPU per answered request, µs. */
  clientCpuUsPerRequest?: number;
  cpuSource?: string;
  bodiesChecked?: boolean;
  /** Server process CPU over the generator's wall time, % of one core. */
  serverCpuPct?: number;
  wallS?: number;
  /** /proc/loadavg 1-min before the run: other load on the machine. */
  loadAvg1?: number;
}

export interface PeerRunContext {
  options: PeerOptions;
  signal?: AbortSignal;
  onRun?: (run: PeerRun, index: number, total: number) => void;
}

/** The interleaved plan: repetition → workload → generator (A B A B per workload). */
export function planPeerRuns(options: PeerOptions): { repetition: number; workload: string; generator: GeneratorName }[] {
  const plan: { repetition: number; workload: string; generator: GeneratorName }[] = [];
  for (let repetition = 1; repetition <= options.runs; repetition++) {
    for (const workload of options.workloads) {
      for (const g of generatorsFor(workload, options.diagnose)) plan.push({ repetition, workload, generator: g.name });
    }
  }
  return plan;
}

export async function runPeerRun(repetition: number, workload: string, generatorName: GeneratorName, ctx: PeerRunContext): Promise<PeerRun> {
  const { options, signal } = ctx;
  const generator = generatorsFor(workload, true).find((g) => g.name === generatorName)!;
  const params = peerParams(workload, options);
  const run: PeerRun = { repetition, workload, generator: generatorName, startedAt: new Date().toISOString(), state: 'ok', reasons: [], warnings: [] };
  const la = loadAverage1m();
  if (la !== undefined) run.loadAvg1 = la;
  let server: PeerServer;
  try {
    server = await startPeerServer(workload, params);
  } catch (error) {
    return { ...run, state: 'errored', reasons: [(error as Error).message] };
  }
  try {
    if (workload === NGINX_WORKLOAD) await validateNginx(server.url);
    const target = { url: server.url, workload, params, connections: options.connections, ...(signal ? { signal } : {}) };
    if (options.warmupS > 0) await generator.run({ ...target, durationS: options.warmupS });
    if (signal?.aborted) throw new Error('interrupted');
    const serverStart = sampleTree(server.pid).cpuS;
    const measured = await generator.run({ ...target, durationS: options.durationS });
    const serverCpuS = sampleTree(server.pid).cpuS - serverStart;
    if (signal?.aborted) throw new Error('interrupted');
    const { client } = measured;
    run.client = client;
    if (measured.p75Ms !== undefined) run.p75Ms = measured.p75Ms;
    run.wallS = measured.wallS;
    run.cpuSource = measured.cpuSource;
    run.bodiesChecked = measured.bodiesChecked;
    run.serverCpuPct = (serverCpuS / measured.wallS) * 100;
    if (measured.cpuS !== undefined) {
      run.clientCpuS = measured.cpuS;
      run.clientCpuPct = (measured.cpuS / measured.wallS) * 100;
      if (client.requests > 0) run.clientCpuUsPerRequest = (measured.cpuS * 1e6) / client.requests;
    }
    // Failed requests invalidate a run; a saturated generator does not (it is what is compared).
    const reasons = invalidReasons(client, 0, generatorName);
    if (reasons.length > 0) {
      run.state = 'invalid';
      run.reasons.push(...reasons);
    }
    if ((run.clientCpuPct ?? 0) > MAX_LOADGEN_CPU_PCT) {
      run.warnings.push(`generator saturated: ${formatPct(run.clientCpuPct! / 100, 0)} of a core`);
    }
    recordServerFailure(run, server);
  } catch (error) {
    recordServerFailure(run, server, error);
  } finally {
    const stop = await server.stop();
    if (stop.leftoverPids.length > 0) {
      run.state = 'errored';
      run.reasons.push(`processes left after stop: ${stop.leftoverPids.join(', ')}`);
    }
  }
  return run;
}
