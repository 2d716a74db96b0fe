/**
 * Checks that answers were computed: status 200, JSON, the workload's name, the request
 * id echoed and the value the workload says a correct answer carries. A handler that
 * forgets `await` (answers `{}`), answers early, or answers another request's value fails.
 */
import { findWorkload, getWorkload } from '../../servers/workloads/index.js';
import { noopBody } from '../../servers/workloads/noop.js';
import type { WorkloadParams, WorkRequest } from '../../servers/workloads/types.js';

/** Returns why a body is wrong, or undefined when it is right. */
export type BodyCheck = (status: number, body: string, id: number) => string | undefined;

export function workPath(id: number, variant?: string): string {
  return variant ? `/work?id=${id}&variant=${encodeURIComponent(variant)}` : `/work?id=${id}`;
}

interface ParsedBody {
  workload?: unknown;
  id?: unknown;
  value?: unknown;
}

/** The per-response check used during load (cheap: no recomputation of expensive values). */
export function bodyCheckFor(workloadName: string, params: WorkloadParams, variant?: string): BodyCheck {
  const workload = getWorkload(workloadName);
  return (status, body, id) => {
    if (status !== 200) return `status ${status}`;
    let parsed: ParsedBody;
    try {
      parsed = JSON.parse(body) as ParsedBody;
    } catch {
      return `body is not JSON: ${body.slice(0, 80)}`;
    }
    if (parsed.workload !== workloadName) return `workload '${String(parsed.workload)}' instead of '${workloadName}'`;
    if (parsed.id !== id) return `id ${String(parsed.id)} instead of ${id}`;
    if (typeof parsed.value !== 'string' && typeof parsed.value !== 'number') return 'value missing';
    const req: WorkRequest = variant ? { id, variant } : { id };
    const expected = workload.expectedValue?.(params, req);
    if (expected !== undefined && parsed.value !== expected) {
      return `value ${JSON.stringify(parsed.value)} instead of ${JSON.stringify(expected)}`;
    }
    return undefined;
  };
}

/** The exact body of a noop answer (the `/noop` route, and `/work` on a noop server). */
export const noopExpectedBody = noopBody;

/**
 * The exact body a correct answer has, for the workloads whose server output is known byte
 * for byte (their `exactBody`), so a driver can recognise a right answer by a string
 * comparison (the lean driver); undefined for the others and for variants, which the
 * BodyCheck handles. A body that differs from this string still goes through the
 * BodyCheck before it is called wrong.
 */
export function expectedBodyFor(workloadName: string, params: WorkloadParams, variant?: string): ((id: number) => string) | undefined {
  if (variant !== undefined) return undefined;
  return findWorkload(workloadName)?.exactBody?.(params);
}

/** The check for the cheap `/noop` route of head-of-line probes. */
export const noopBodyCheck: BodyCheck = (status, body, id) => {
  if (status !== 200) return `status ${status}`;
  return body === noopExpectedBody(id) ? undefined : `unexpected noop body ${body.slice(0, 80)}`;
};

/**
 * One request before any load, fully checked (content type, and the full value via the
 * workload's `verifyValue` where the per-response check cannot recompute it).
 * Throws with the reason when the answer is wrong.
 */
export async function validateOnce(url: string, workloadName: string, params: WorkloadParams, variant?: string): Promise<void> {
  const id = 424242;
  const response = await fetch(url + workPath(id, variant), { signal: AbortSignal.timeout(30_000) });
  const body = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.startsWith('application/json')) {
    throw new Error(`validation request: content-type '${contentType}' instead of application/json (body: ${body.slice(0, 120)})`);
  }
  const problem = bodyCheckFor(workloadName, params, variant)(response.status, body, id);
  if (problem) throw new Error(`validation request: ${problem}`);
  const value = (JSON.parse(body) as { value: string | number }).value;
  const workload = getWorkload(workloadName);
  const req: WorkRequest = variant ? { id, variant } : { id };
  if (workload.verifyValue && !workload.verifyValue(params, req, value)) {
    throw new Error(`validation request: value ${JSON.stringify(value)} is not what ${workloadName} computes for id ${id}`);
  }
}
