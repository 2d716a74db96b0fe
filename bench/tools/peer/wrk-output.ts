/**
 * Parses what `wrk --latency` prints (wrk 4.x), plus the one line our Lua `done()` hook
 * adds (exact µs percentiles and wrk's own /proc/self/stat), into loopbench's
 * ClientFigures. Pure functions: the tests feed them captured outputs.
 *
 * wrk's text, for reference:
 *   Thread Stats   Avg      Stdev     Max   +/- Stdev
 *     Latency     1.71ms    5.92ms 127.08ms   98.32%
 *   Latency Distribution
 *      50%    0.89ms            (units us, ms, s, m, h; 2 decimals)
 *   143554 requests in 3.00s, 29.63MB read
 *   Socket errors: connect 0, read 0, write 0, timeout 30      (only when some)
 *   Non-2xx or 3xx responses: 12                                 (only when some; wrk counts status > 399)
 *   Requests/sec:  47784.75
 */
import type { ClientFigures, LatencyFigures } from '../../types.js';

/** The prefix of the line our Lua `done()` hook writes (bench/tools/peer/wrk-driver.ts). */
export const SUMMARY_PREFIX = 'loopbench-wrk ';

export interface WrkSocketErrors {
  connect: number;
  read: number;
  write: number;
  timeout: number;
}

/** Exact figures from wrk's own histogram (µs) and its CPU, via the Lua `done()` hook. */
export interface WrkSummaryLine {
  latencyUs: { mean: number; p50: number; p75: number; p90: number; p99: number; p999: number; max: number };
  requests: number;
  durationUs: number;
  /** wrk's summary.errors.status: answers with status > 399. */
  status: number;
  /** utime + stime of the wrk process in clock ticks (fields 14 + 15 of /proc/self/stat), when readable. */
  cpuTicks?: number;
}

export interface WrkOutput {
  threads: number;
  connections: number;
  /** The "Latency" row of Thread Stats (2-decimal text). */
  latencyAvgMs: number;
  latencyStdevMs: number;
  latencyMaxMs: number;
  /** "Latency Distribution" rows, keyed by percentile ("50", "75", "90", "99"), in ms. */
  percentilesMs: Record<string, number>;
  /** Every completed request, any status (wrk counts timed-out ones too once they answer). */
  requests: number;
  durationS: number;
  requestsPerS: number;
  socketErrors: WrkSocketErrors;
  non2xx: number;
  summary?: WrkSummaryLine;
}

const TIME_UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** "887.00us", "0.89ms", "1.20s", "1.50m" → ms. NaN on anything else (wrk prints "-nan"). */
export function parseWrkTime(text: string): number {
  const match = /^(-?[\d.]+|-?nan|inf)(us|ms|s|m|h)$/i.exec(text.trim());
  if (!match) return Number.NaN;
  const value = Number(match[1]);
  return value * (TIME_UNIT_MS[match[2]!.toLowerCase()] ?? Number.NaN);
}

/** "48.11k", "24.25", "1.2M" → number. */
export function parseWrkMetric(text: string): number {
  const match = /^([\d.]+)([kMG]?)$/.exec(text.trim());
  if (!match) return Number.NaN;
  const scale = { '': 1, k: 1e3, M: 1e6, G: 1e9 }[match[2] as '' | 'k' | 'M' | 'G'];
  return Number(match[1]) * scale;
}

/** utime + stime (clock ticks) from one /proc/PID/stat line; the comm may hold spaces, so split after the last ')'. */
export function cpuTicksFromStat(statLine: string): number | undefined {
  const close = statLine.lastIndexOf(')');
  if (close < 0) return undefined;
  const fields = statLine.slice(close + 2).trim().split(/\s+/);
  // fields[0] is stat field 3 (state): field N is fields[N - 3].
  const utime = Number(fields[14 - 3]);
  const stime = Number(fields[15 - 3]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? utime + stime : undefined;
}

function parseSummaryLine(line: string): WrkSummaryLine | undefined {
  const body = line.slice(SUMMARY_PREFIX.length);
  const statAt = body.indexOf(' stat=');
  const pairs = (statAt >= 0 ? body.slice(0, statAt) : body).trim().split(/\s+/);
  const values = new Map<string, number>();
  for (const pair of pairs) {
    const [key, value] = pair.split('=');
    if (key && value !== undefined) values.set(key, Number(value));
  }
  const get = (key: string) => values.get(key) ?? Number.NaN;
  const summary: WrkSummaryLine = {
    latencyUs: {
      mean: get('mean_us'),
      p50: get('p50_us'),
      p75: get('p75_us'),
      p90: get('p90_us'),
      p99: get('p99_us'),
      p999: get('p999_us'),
      max: get('max_us'),
    },
    requests: get('requests'),
    durationUs: get('duration_us'),
    status: get('status'),
  };
  if (statAt >= 0) {
    const ticks = cpuTicksFromStat(body.slice(statAt + ' stat='.length));
    if (ticks !== undefined) summary.cpuTicks = ticks;
  }
  return Number.isFinite(summary.requests) ? summary : undefined;
}

/**
 * Parses one wrk run's stdout.
 * @throws Error when the output has no "Requests/sec" line (wrk failed or was killed early).
 */
export function parseWrkOutput(text: string): WrkOutput {
  const out: WrkOutput = {
    threads: Number.NaN,
    connections: Number.NaN,
    latencyAvgMs: Number.NaN,
    latencyStdevMs: Number.NaN,
    latencyMaxMs: Number.NaN,
    percentilesMs: {},
    requests: Number.NaN,
    durationS: Number.NaN,
    requestsPerS: Number.NaN,
    socketErrors: { connect: 0, read: 0, write: 0, timeout: 0 },
    non2xx: 0,
  };
  let inDistribution = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    let m: RegExpExecArray | null;
    if (line.startsWith(SUMMARY_PREFIX.trim())) {
      const summary = parseSummaryLine(line);
      if (summary) out.summary = summary;
    } else if ((m = /^(\d+) threads and (\d+) connections$/.exec(line))) {
      out.threads = Number(m[1]);
      out.connections = Number(m[2]);
    } else if ((m = /^Latency\s+(\S+)\s+(\S+)\s+(\S+)/.exec(line))) {
      out.latencyAvgMs = parseWrkTime(m[1]!);
      out.latencyStdevMs = parseWrkTime(m[2]!);
      out.latencyMaxMs = parseWrkTime(m[3]!);
    } else if (line === 'Latency Distribution') {
      inDistribution = true;
    } else if (inDistribution && (m = /^([\d.]+)%\s+(\S+)$/.exec(line))) {
      out.percentilesMs[String(Number(m[1]))] = parseWrkTime(m[2]!);
    } else if ((m = /^(\d+) requests in (\S+?),/.exec(line))) {
      inDistribution = false;
      out.requests = Number(m[1]);
      out.durationS = parseWrkTime(m[2]!) / 1000;
    } else if ((m = /^Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)$/.exec(line))) {
      out.socketErrors = { connect: Number(m[1]), read: Number(m[2]), write: Number(m[3]), timeout: Number(m[4]) };
    } else if ((m = /^Non-2xx or 3xx responses: (\d+)$/.exec(line))) {
      out.non2xx = Number(m[1]);
    } else if ((m = /^Requests\/sec:\s+([\d.]+)$/.exec(line))) {
      out.requestsPerS = Number(m[1]);
    }
  }
  if (!Number.isFinite(out.requestsPerS) || !Number.isFinite(out.requests)) {
    throw new Error(`wrk output has no result (no "Requests/sec" line): ${text.trim().split('\n').slice(-3).join(' | ').slice(0, 300)}`);
  }
  return out;
}

/** wrk's figures in loopbench's shape, plus p75 (which wrk prints and loopbench does not). */
export interface WrkClientFigures extends ClientFigures {
  p75Ms: number;
}

/**
 * Converts parsed output to ClientFigures. Latency comes from the exact µs summary line
 * when present, else from the 2-decimal text (then p99.9 is not printed by wrk and the
 * max stands in for it, an upper bound). `requests` counts 2xx/3xx answers that did not
 * time out: wrk's total minus non-2xx minus timeouts. wrk does not read bodies here, so
 * `wrongBodies` is 0 by construction (each run's answer is validated once beforehand).
 */
export function wrkClientFigures(out: WrkOutput): WrkClientFigures {
  const s = out.summary;
  const durationS = s && Number.isFinite(s.durationUs) && s.durationUs > 0 ? s.durationUs / 1e6 : out.durationS;
  const requests = Math.max(0, out.requests - out.non2xx - out.socketErrors.timeout);
  const ms = (us: number) => us / 1000;
  const fromSummary = s && Object.values(s.latencyUs).every(Number.isFinite);
  const latencyMs: LatencyFigures = fromSummary
    ? {
        mean: ms(s.latencyUs.mean),
        p50: ms(s.latencyUs.p50),
        p90: ms(s.latencyUs.p90),
        p99: ms(s.latencyUs.p99),
        p999: ms(s.latencyUs.p999),
        max: ms(s.latencyUs.max),
      }
    : {
        mean: out.latencyAvgMs,
        p50: out.percentilesMs['50'] ?? Number.NaN,
        p90: out.percentilesMs['90'] ?? Number.NaN,
        p99: out.percentilesMs['99'] ?? Number.NaN,
        p999: out.latencyMaxMs,
        max: out.latencyMaxMs,
      };
  return {
    requests,
    durationS,
    rps: durationS > 0 ? requests / durationS : 0,
    latencyMs,
    errors: out.socketErrors.connect + out.socketErrors.read + out.socketErrors.write,
    timeouts: out.socketErrors.timeout,
    non2xx: out.non2xx,
    wrongBodies: 0,
    p75Ms: fromSummary ? ms(s.latencyUs.p75) : (out.percentilesMs['75'] ?? Number.NaN),
  };
}
