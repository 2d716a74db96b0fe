/**
 * Fan-out to K slow upstream calls: the article's scraping example (aiohttp + gather).
 *
 * Request `id` makes the K calls `GET <upstreamUrl>/?q=id*K+k&ms=upstreamMs` (k = 0..K-1)
 * to the upstream process (servers/upstream.ts), which answers each after upstreamMs
 * with `upstreamValueOf(q)`. The response value is the sum of the K answers.
 *
 * HTTP client (`httpClient`): `fetch` (default, the WHATWG API, ~150-200 us of CPU per
 * call on the test machine) or `undici` (`undici.request` on a keep-alive Agent, ~40 us
 * per call): the latter lets the fan-out reach thousands of calls per second on 2 cores.
 *
 * Non-blocking: `mode: 'concurrent'` = Promise.all of the K calls (gather, ~1 x
 * upstreamMs), `mode: 'sequential'` = K awaits one after another (~K x upstreamMs).
 * Blocking: a synchronous HTTP client (the analog of `requests.get` in an async handler):
 * each call goes through a SyncBridge to a worker thread doing the fetch while the
 * calling thread blocks on Atomics.wait; a sync client cannot overlap calls, so the K
 * calls are sequential whatever `mode` says (~K x upstreamMs, thread held throughout).
 */
import type { Agent } from 'undici';
import { SyncBridge } from './sync-bridge.js';
import type { Workload, WorkloadParams, WorkRequest } from './types.js';

/** What the upstream answers for query `q` (a cheap integer hash, 0..999). */
export function upstreamValueOf(q: number): number {
  return (Math.imul(Math.abs(Math.trunc(q)) % 0x7fffffff, 0x9e3779b1) >>> 0) % 1000;
}

type HttpClient = 'fetch' | 'undici';

interface UpstreamSettings {
  url: string;
  client: HttpClient;
  fanout: number;
  upstreamMs: number;
  mode: 'concurrent' | 'sequential';
}

function settingsOf(params: WorkloadParams): UpstreamSettings {
  const url = String(params['upstreamUrl'] ?? '');
  if (!url) throw new Error('upstream workload: upstreamUrl is not set; the harness starts the upstream (bench/run/resources/upstream.ts)');
  const mode = String(params['mode'] ?? 'concurrent');
  if (mode !== 'concurrent' && mode !== 'sequential') throw new Error(`upstream workload: mode '${mode}' is not concurrent or sequential`);
  const client = String(params['httpClient'] ?? 'fetch');
  if (client !== 'fetch' && client !== 'undici') throw new Error(`upstream workload: httpClient '${client}' is not fetch or undici`);
  return { url: url.replace(/\/+$/, ''), client, fanout: Number(params['fanout'] ?? 5), upstreamMs: Number(params['upstreamMs'] ?? 50), mode };
}

function callUrls(s: UpstreamSettings, req: WorkRequest): string[] {
  return Array.from({ length: s.fanout }, (_, k) => `${s.url}/?q=${req.id * s.fanout + k}&ms=${s.upstreamMs}`);
}

export function expectedUpstreamValue(params: WorkloadParams, req: WorkRequest): number {
  const fanout = Number(params['fanout'] ?? 5);
  let sum = 0;
  for (let k = 0; k < fanout; k++) sum += upstreamValueOf(req.id * fanout + k);
  return sum;
}

/** One keep-alive agent per thread for `httpClient: 'undici'`; no cap on connections (as fetch). */
let agent: Agent | undefined;
/** undici is imported only by servers that use it (every server loads this registry). */
let undici: typeof import('undici') | undefined;

/** One upstream call: the number it answered. */
async function fetchNumber(url: string, client: HttpClient): Promise<number> {
  let status: number;
  let text: string;
  if (client === 'fetch') {
    const response = await fetch(url);
    status = response.status;
    text = await response.text();
  } else {
    undici ??= await import('undici');
    agent ??= new undici.Agent({ keepAliveTimeout: 60_000, keepAliveMaxTimeout: 600_000 });
    const response = await undici.request(url, { dispatcher: agent });
    status = response.statusCode;
    text = await response.body.text();
  }
  if (status !== 200) throw new Error(`upstream answered ${status} to ${url}: ${text.slice(0, 200)}`);
  const value = Number(text);
  if (!Number.isInteger(value)) throw new Error(`upstream answered a non-number to ${url}: ${text.slice(0, 200)}`);
  return value;
}

/** SyncBridge target: the bridge worker fetches one URL per call (exported for sync-bridge-worker.ts). */
export async function createFetchBridgeHandler(): Promise<(request: unknown) => Promise<unknown>> {
  return (request) => {
    const { url, client } = request as { url: string; client: HttpClient };
    return fetchNumber(url, client);
  };
}

let bridge: SyncBridge | undefined;

export const upstream: Workload = {
  name: 'upstream',
  description: 'fan-out to K upstream HTTP calls of upstreamMs each (Promise.all / sequential awaits vs a sync HTTP client)',
  defaults: { fanout: 5, upstreamMs: 50, mode: 'concurrent', httpClient: 'fetch' },
  paramSpecs: {
    fanout: { kind: 'integer', min: 1, max: 100, description: 'upstream calls per request (K)' },
    upstreamMs: { kind: 'number', min: 0, max: 60_000, description: 'time the upstream takes to answer one call, in ms' },
    httpClient: { kind: 'string', oneOf: ['fetch', 'undici'], description: 'HTTP client: fetch, or undici.request (4x less CPU per call)' },
    mode: { kind: 'string', oneOf: ['concurrent', 'sequential'], description: 'non-blocking: Promise.all of the K calls, or K awaits in a row' },
    upstreamUrl: { kind: 'string', description: 'base URL of the upstream server (set by the harness)' },
  },
  init({ params }) {
    settingsOf(params); // fail at start on a missing URL or a bad mode
  },
  async close() {
    const [currentBridge, currentAgent] = [bridge, agent];
    bridge = undefined;
    agent = undefined;
    await Promise.allSettled([currentBridge?.close(), currentAgent?.close()]);
  },
  runBlocking(params, req) {
    const s = settingsOf(params);
    bridge ??= new SyncBridge({ module: import.meta.url, factory: 'createFetchBridgeHandler', options: null });
    let sum = 0;
    for (const url of callUrls(s, req)) sum += bridge.call({ url, client: s.client }) as number;
    return { workload: 'upstream', id: req.id, value: sum };
  },
  async runNonBlocking(params, req) {
    const s = settingsOf(params);
    const urls = callUrls(s, req);
    let sum = 0;
    if (s.mode === 'concurrent') {
      for (const value of await Promise.all(urls.map((url) => fetchNumber(url, s.client)))) sum += value;
    } else {
      for (const url of urls) sum += await fetchNumber(url, s.client);
    }
    return { workload: 'upstream', id: req.id, value: sum };
  },
  expectedValue: expectedUpstreamValue,
};
