import os from 'node:os';
import type { MicroMachineFacts } from './types.js';

export function microMachineFacts(): MicroMachineFacts {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    usableCores: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    nodeVersion: process.version,
    os: `${os.platform()} ${os.release()} ${os.arch()}`,
  };
}
