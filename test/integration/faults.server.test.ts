/** A server that fails to start or dies mid-run is data (`errored`), never an orphan. */
import { describe, expect, it } from 'vitest';
import { runShort, serverProcessesOf } from './helpers.js';

describe('server faults', () => {
  it('a server that cannot start is errored with its stderr tail', async () => {
    // 192.0.2.1 (TEST-NET-1) is not an address of this machine: listen fails at once.
    const run = await runShort({ workload: 'noop', strategy: 'async', connections: 1, durationS: 1 }, { host: '192.0.2.1' });
    expect(run.state).toBe('errored');
    expect(run.reasons.join(' ')).toMatch(/failed to start|exited during start/);
    expect(run.stderrTail).toMatch(/EADDRNOTAVAIL/);
    expect(serverProcessesOf()).toEqual([]);
  });

  it('a server that dies mid-run is errored with the reason, and its pool children are gone', async () => {
    const killer = setTimeout(() => {
      // The server leads its own process group: find it below us and kill it hard.
      const [serverPid] = serverProcessesOf();
      if (serverPid) process.kill(serverPid, 'SIGKILL');
    }, 1500);
    const run = await runShort({ workload: 'sleep', strategy: 'child-process', params: { sleepMs: 10 }, connections: 4, durationS: 3, warmupS: 0.2 });
    clearTimeout(killer);
    expect(run.state).toBe('errored');
    expect(run.reasons.join(' ')).toMatch(/exited|signal SIGKILL/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(serverProcessesOf()).toEqual([]);
  });
});
