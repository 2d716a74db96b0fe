/**
 * External targets (`--target URL`): an HTTP server loopbench did not start, measured
 * with the same drivers, statistics and reports. Answers are checked against
 * `--expect-status` and `--expect-body-contains`.
 */
import type { ExternalTarget } from '../types.js';
import type { BodyCheck } from './validate-response.js';

export function targetPath(target: ExternalTarget): string {
  const url = new URL(target.url);
  return `${url.pathname}${url.search}`;
}

export function targetBodyCheck(target: ExternalTarget): BodyCheck {
  return (status, body) => {
    if (status !== target.expectStatus) return `status ${status} instead of ${target.expectStatus}`;
    if (target.expectBodyContains !== undefined && !body.includes(target.expectBodyContains)) {
      return `body does not contain ${JSON.stringify(target.expectBodyContains)}: ${body.slice(0, 80)}`;
    }
    return undefined;
  };
}

/** One request before any load; throws with the reason when the answer is not as expected. */
export async function validateTargetOnce(target: ExternalTarget): Promise<void> {
  let response: Response;
  try {
    response = await fetch(target.url, { signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    throw new Error(`validation request to ${target.url} failed: ${(error as Error).cause ?? (error as Error).message}`);
  }
  const problem = targetBodyCheck(target)(response.status, await response.text(), 0);
  if (problem) throw new Error(`validation request to ${target.url}: ${problem}`);
}
