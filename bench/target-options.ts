/**
 * `--target URL` and its companions: measure any HTTP server loopbench did not start.
 * Loopback only unless `--allow-remote` is given (then a warning is printed).
 */
import { isIP } from 'node:net';
import { UsageError } from './errors.js';
import { loadIdLabel } from './suites/scenario.js';
import type { ExternalTarget, Load, Suite } from './types.js';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  if (LOOPBACK_NAMES.has(hostname)) return true;
  return isIP(hostname) === 4 && hostname.startsWith('127.');
}

export interface TargetFlags {
  target: string;
  expectStatus?: string;
  expectBodyContains?: string;
  serviceMs?: number;
  allowRemote: boolean;
}

export function parseTarget(flags: TargetFlags, warn: (message: string) => void): ExternalTarget {
  let url: URL;
  try {
    url = new URL(flags.target);
  } catch {
    throw new UsageError(`--target must be a full http:// URL such as http://127.0.0.1:8080/path; got '${flags.target}'`);
  }
  if (url.protocol !== 'http:') throw new UsageError(`--target: only http:// URLs are supported; got '${url.protocol}'`);
  if (!isLoopbackHost(url.hostname)) {
    if (!flags.allowRemote) {
      throw new UsageError(`--target ${url.hostname} is not a loopback address; load goes to 127.0.0.1 or ::1 only unless you add --allow-remote`);
    }
    warn(`loopbench: WARNING: sending load to a remote host (${url.hostname}) because --allow-remote was given. Only load servers you own.`);
  }
  const expectStatus = flags.expectStatus === undefined ? 200 : Number(flags.expectStatus);
  if (!Number.isInteger(expectStatus) || expectStatus < 100 || expectStatus > 599) {
    throw new UsageError(`--expect-status must be an HTTP status code 100-599; got '${flags.expectStatus}'`);
  }
  return {
    url: url.toString(),
    expectStatus,
    ...(flags.expectBodyContains !== undefined ? { expectBodyContains: flags.expectBodyContains } : {}),
    ...(flags.serviceMs !== undefined ? { serviceMs: flags.serviceMs } : {}),
  };
}

/** A one-scenario suite for an external target. */
export function targetSuite(target: ExternalTarget, load: Load, repetitions: number): Suite {
  const loadLabel = loadIdLabel(load);
  return {
    name: 'target',
    description: `external target ${target.url}`,
    repetitions,
    scenarios: [{ id: `external/${loadLabel}`, workload: 'external', strategy: 'external', params: {}, load, target, tags: ['external'] }],
  };
}
