/**
 * Peers that nobody here wrote, for `npm run bench:peer` and its tests: nginx (Debian's
 * `nginx-light`, the server loopbench's drivers are compared on) and wrk (the load generator
 * they are compared with). bench/tools/peer/nginx.ts starts its own nginx in a temp prefix; the
 * package's own service is not used.
 */
import { existsSync } from 'node:fs';
import { NGINX_BIN } from '../../tools/peer/nginx.js';
import { aptInstall, onPath } from '../system.js';
import type { SetupCheck, SetupPart } from '../types.js';

export const loadPeers: SetupPart = {
  name: 'load-peers',
  neededFor: 'npm run bench:peer and its tests (nginx as the server, wrk as the reference generator)',
  debianPackages: ['nginx-light', 'wrk'],
  async check(): Promise<SetupCheck> {
    const missing: string[] = [];
    if (!existsSync(NGINX_BIN)) missing.push(`no nginx at ${NGINX_BIN}`);
    if (!onPath('wrk')) missing.push('no wrk on the PATH');
    return missing.length === 0 ? { ok: true } : { ok: false, problem: missing.join('; ') };
  },
  async provision(log): Promise<void> {
    aptInstall(this.debianPackages, log);
  },
};
