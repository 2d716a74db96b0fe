/** bench/tools/peer/nginx.ts: starts nginx on 127.0.0.1, answers the fixed body, stops by PID leaving nothing. Needs nginx (npm run setup provisions it; never skipped). */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NGINX_BIN, NGINX_BODY, startNginx, stopAllNginx } from '../../bench/tools/peer/nginx.js';

describe('nginx for bench:peer', () => {
  it('nginx is installed (npm run setup provisions nginx-light)', () => {
    expect(existsSync(NGINX_BIN), `no nginx at ${NGINX_BIN}: run npm run setup`).toBe(true);
  });

  it('starts, answers every path with the fixed body, stops by its PID', async () => {
    const nginx = await startNginx();
    let alive = true;
    try {
      expect(nginx.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${nginx.url}/work?id=7`);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(NGINX_BODY);
    } finally {
      await nginx.stop();
      try {
        process.kill(nginx.pid, 0);
      } catch {
        alive = false;
      }
    }
    expect(alive).toBe(false);
  });

  it('stopAllNginx (the Ctrl-C path) kills every nginx still running, by PID', async () => {
    const nginx = await startNginx();
    stopAllNginx();
    const gone = await new Promise<boolean>((resolve) => {
      const deadline = Date.now() + 3000;
      const poll = () => {
        try {
          process.kill(nginx.pid, 0);
        } catch {
          return resolve(true);
        }
        if (Date.now() > deadline) return resolve(false);
        setTimeout(poll, 20);
      };
      poll();
    });
    expect(gone).toBe(true);
    await nginx.stop(); // a no-op now: nothing left to stop
  });
});
