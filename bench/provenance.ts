/**
 * How a results file was produced: the host and CPU (from the machine facts), the CI
 * runner or Kubernetes pod when there is one, and the command line. Merge keeps each
 * input's, so a report can say which comparison's sides ran on different machines.
 */
import type { MachineFacts } from './types.js';

export interface ProducedBy {
  hostname: string;
  cpuModel: string;
  /** `github-actions <runner name> run <id> job <job>`, `kubernetes pod <name> index <i>`, or LOOPBENCH_RUNNER; absent on a plain host. */
  runner?: string;
  /** The command-line arguments after `npm run bench --`. */
  argv: string[];
}

export function runnerOf(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env['LOOPBENCH_RUNNER']) return env['LOOPBENCH_RUNNER'];
  if (env['GITHUB_ACTIONS'] === 'true') {
    return ['github-actions', env['RUNNER_NAME'], env['GITHUB_RUN_ID'] && `run ${env['GITHUB_RUN_ID']}`, env['GITHUB_JOB'] && `job ${env['GITHUB_JOB']}`].filter(Boolean).join(' ');
  }
  if (env['KUBERNETES_SERVICE_HOST']) {
    return ['kubernetes pod', env['HOSTNAME'], env['JOB_COMPLETION_INDEX'] !== undefined && `index ${env['JOB_COMPLETION_INDEX']}`].filter(Boolean).join(' ');
  }
  return undefined;
}

export function producedBy(machine: Pick<MachineFacts, 'hostname' | 'cpuModel'>, argv: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): ProducedBy {
  const runner = runnerOf(env);
  return { hostname: machine.hostname, cpuModel: machine.cpuModel, ...(runner ? { runner } : {}), argv };
}

/** The machine a file's figures come from, as one comparable key. */
export function machineKey(p: Pick<ProducedBy, 'hostname' | 'cpuModel'>): string {
  return `${p.hostname} (${p.cpuModel})`;
}
