import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { packageRoot } from './paths.js';
import type { MachineFacts } from './types.js';

function gitCommit(root: string): string | null {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${commit}-dirty` : commit;
  } catch {
    return null;
  }
}

function lockfileSha256(root: string): string | null {
  const path = join(root, 'package-lock.json');
  return existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : null;
}

export type HardwareFacts = Pick<MachineFacts, 'cpuModel' | 'cores' | 'usableCores' | 'memoryBytes' | 'nodeVersion' | 'os'>;

/** CPU, cores, memory, Node and OS: what every results file (suite or micro) records. */
export function hardwareFacts(): HardwareFacts {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    usableCores: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    nodeVersion: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

/** Facts about the machine a run happened on, recorded with every results file. */
export function machineFacts(): MachineFacts {
  const root = packageRoot();
  return {
    ...hardwareFacts(),
    gitCommit: gitCommit(root),
    lockfileSha256: lockfileSha256(root),
    hostname: os.hostname(),
  };
}
