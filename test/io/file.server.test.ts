/** `file`: the harness-made file of stated size, read blocking and non-blocking, values checked. */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFile, fileResource } from '../../bench/run/resources/file.js';
import type { PreparedResource } from '../../bench/run/resources/types.js';
import { file, fileByteAt } from '../../servers/workloads/file.js';
import type { WorkloadParams } from '../../servers/workloads/types.js';
import { closedLoad, getWork, startServer, stopAll } from './helpers.js';

let prepared: PreparedResource;
let params: WorkloadParams;
const scratch = mkdtempSync(join(tmpdir(), 'loopbench-file-test-'));

beforeAll(async () => {
  prepared = await fileResource.prepare({
    id: 'file/test',
    workload: 'file',
    strategy: 'blocking',
    params: { ...file.defaults },
    load: { kind: 'closed', connections: 1, durationS: 1, warmupS: 0 },
  });
  params = { ...file.defaults, ...prepared.params };
});
afterAll(async () => {
  await stopAll();
  await prepared?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('file resource', () => {
  it('creates 64 KiB of deterministic content by default', () => {
    expect(prepared.facts).toMatchObject({ bytes: 65_536 });
    expect(statSync(String(params['filePath'])).size).toBe(65_536);
  });

  it('is idempotent, and replaces a wrong file', () => {
    const first = ensureFile(100_000, scratch);
    expect(first.created).toBe(true);
    const mtime = statSync(first.path).mtimeMs;
    const second = ensureFile(100_000, scratch);
    expect(second).toMatchObject({ path: first.path, created: false });
    expect(statSync(first.path).mtimeMs).toBe(mtime);
    writeFileSync(first.path, Buffer.alloc(100_000)); // right size, wrong content
    expect(ensureFile(100_000, scratch).created).toBe(true);
    expect(ensureFile(3 << 20, scratch)).toMatchObject({ created: true, bytes: 3 << 20 }); // multi-chunk write
    expect(ensureFile(3 << 20, scratch).created).toBe(false);
  });
});

describe.each(['blocking', 'async', 'worker-threads'])('file, %s', (strategy) => {
  it('answers <bytes>:<byte at id>:<last byte>', async () => {
    const server = await startServer({ strategy, workload: 'file', params });
    for (const id of [0, 1, 65_535, 65_536, 1_000_001]) {
      const body = await getWork(server.url, id);
      expect(body.value).toBe(file.expectedValue!(params, { id }));
      expect(body.value).toBe(`65536:${fileByteAt(id % 65_536)}:${fileByteAt(65_535)}`);
    }
    const { requests, failures } = await closedLoad(server.url, 4, 500, (body, id) => body.value === file.expectedValue!(params, { id }));
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(20);
    await server.stop();
  });
});

it('a server started on a missing file fails at start, not on the first request', async () => {
  await expect(startServer({ strategy: 'async', workload: 'file', params: { ...params, filePath: join(scratch, 'nope.bin') } })).rejects.toThrow(
    /ENOENT/,
  );
});
