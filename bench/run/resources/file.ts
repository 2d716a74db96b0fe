/**
 * The `file` workload's file: `fileBytes` bytes of deterministic content
 * (servers/workloads/file.ts `fileByteAt`) under the OS temp directory, written to a
 * temporary name and renamed into place; a file of the right size and content is reused.
 */
import { closeSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_FILE_BYTES, FILE_CONTENT_VERSION, fileByteAt, fillFileBytes } from '../../../servers/workloads/file.js';
import { dataDir } from './db.js';
import { ResourceError, type ScenarioResource } from './types.js';

const CHUNK_BYTES = 1 << 20;

export function filePathFor(bytes: number, dir = dataDir()): string {
  return join(dir, `file-v${FILE_CONTENT_VERSION}-${bytes}.bin`);
}

/** Spot-checks size and a few bytes (first, last, some in between). */
function looksComplete(path: string, bytes: number): boolean {
  try {
    if (statSync(path).size !== bytes) return false;
    const fd = openSync(path, 'r');
    try {
      const one = Buffer.alloc(1);
      for (const offset of [0, bytes - 1, Math.floor(bytes / 2), Math.floor(bytes / 3), Math.floor(bytes / 7)]) {
        if (readSync(fd, one, 0, 1, offset) !== 1 || one[0] !== fileByteAt(offset)) return false;
      }
      return true;
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

export interface FileSeed {
  path: string;
  bytes: number;
  created: boolean;
  createMs: number;
}

/** Creates the file unless a complete one exists. Idempotent. */
export function ensureFile(bytes: number, dir = dataDir()): FileSeed {
  mkdirSync(dir, { recursive: true });
  const path = filePathFor(bytes, dir);
  if (looksComplete(path, bytes)) return { path, bytes, created: false, createMs: 0 };
  const started = performance.now();
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  try {
    const fd = openSync(tmp, 'w');
    try {
      const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, bytes));
      for (let offset = 0; offset < bytes; offset += chunk.length) {
        const length = Math.min(chunk.length, bytes - offset);
        fillFileBytes(chunk, offset, length);
        writeSync(fd, chunk, 0, length);
      }
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
  return { path, bytes, created: true, createMs: Math.round(performance.now() - started) };
}

export const fileResource: ScenarioResource = {
  async prepare(scenario) {
    const bytes = Number(scenario.params['fileBytes'] ?? DEFAULT_FILE_BYTES);
    if (!Number.isInteger(bytes) || bytes < 1) throw new ResourceError(`file: fileBytes must be a positive integer, got ${scenario.params['fileBytes']}`);
    const file = ensureFile(bytes);
    return {
      params: { filePath: file.path },
      facts: { path: file.path, bytes: file.bytes, created: file.created, createMs: file.createMs },
      pids: [],
      failure: () => undefined,
      close: async () => undefined,
    };
  },
};
