/**
 * Read a whole file of stated size (`fileBytes`, default 64 KiB) per request:
 * blocking `readFileSync` vs non-blocking `fs/promises` `readFile` (libuv thread pool).
 * The file (deterministic content, `fileByteAt`) is created by the harness
 * (bench/run/resources/file.ts) and sits in the page cache after the first read, so
 * this measures the read path (syscalls, copies, thread-pool hops), not the disk.
 *
 * Value: `<bytes read>:<byte at id mod size>:<last byte>`: proves the whole file was read
 * and its content is right, at O(1) cost for both server and client.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { WorkBody, Workload, WorkloadParams, WorkRequest } from './types.js';

export const DEFAULT_FILE_BYTES = 64 * 1024;
/** Bumped whenever `fileByteAt` changes, so old files are not reused. */
export const FILE_CONTENT_VERSION = 1;

/** The byte at `offset` of every loopbench file (a cheap integer hash). */
export function fileByteAt(offset: number): number {
  return Math.imul((offset ^ (offset >>> 15)) | 0, 0x2c1b3c6d) >>> 24;
}

/** Fills `buffer[0, length)` with the content at file offsets `[offset, offset + length)`. */
export function fillFileBytes(buffer: Buffer, offset: number, length: number): void {
  for (let i = 0; i < length; i++) buffer[i] = fileByteAt(offset + i);
}

function pathOf(params: WorkloadParams): string {
  const path = String(params['filePath'] ?? '');
  if (!path) throw new Error('file workload: filePath is not set; the harness creates the file (bench/run/resources/file.ts)');
  return path;
}

function answer(req: WorkRequest, data: Buffer): WorkBody {
  const n = data.length;
  const value = n === 0 ? '0::' : `${n}:${data[Math.abs(req.id) % n]}:${data[n - 1]}`;
  return { workload: 'file', id: req.id, value };
}

export const file: Workload = {
  name: 'file',
  description: 'reads a whole file of fileBytes per request (readFileSync vs fs/promises readFile)',
  defaults: { fileBytes: DEFAULT_FILE_BYTES },
  paramSpecs: {
    fileBytes: { kind: 'integer', min: 1, max: 1 << 30, description: 'size of the file each request reads, in bytes' },
    filePath: { kind: 'string', description: 'the file (created by the harness)' },
  },
  init({ params }) {
    // Fail at start, not on the first request, when the file is missing.
    const size = readFileSync(pathOf(params)).length;
    const expected = Number(params['fileBytes'] ?? DEFAULT_FILE_BYTES);
    if (size !== expected) throw new Error(`file workload: ${pathOf(params)} has ${size} bytes, expected fileBytes=${expected}`);
  },
  runBlocking: (params, req) => answer(req, readFileSync(pathOf(params))),
  runNonBlocking: async (params, req) => answer(req, await readFile(pathOf(params))),
  expectedValue(params, req) {
    const n = Number(params['fileBytes'] ?? DEFAULT_FILE_BYTES);
    return `${n}:${fileByteAt(Math.abs(req.id) % n)}:${fileByteAt(n - 1)}`;
  },
};
