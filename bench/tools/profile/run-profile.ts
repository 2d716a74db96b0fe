/**
 * One profiling run: calibrate (cpu) → start the server under clinic → validate one
 * answer → closed-model load for the duration → Ctrl-C to clinic's group → wait
 * (bounded) for clinic's analysis → keep the HTML under reports/profiles/ → leave no
 * process behind.
 */
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ServerConfig } from '../../../servers/protocol.js';
import { usesCalibration } from '../../../servers/workloads/index.js';
import { defaultPoolSize } from '../../ideal.js';
import { packageRoot } from '../../paths.js';
import { calibrateCpu } from '../../run/calibrate-cpu.js';
import { runLeanClosedLoad } from '../../drivers/lean/closed.js';
import { LoopbenchError, ServerError } from '../../errors.js';
import { serverParams } from '../../run/run-scenario.js';
import { bodyCheckFor, validateOnce, workPath } from '../../run/validate-response.js';
import { closedLoad, defineScenario } from '../../suites/scenario.js';
import type { ClientFigures } from '../../types.js';
import type { ProfileOptions } from './args.js';
import { ClinicProcess, killAllClinicGroups } from './clinic-process.js';
import { findClinicHtml, keepReport, profileBaseName } from './report-file.js';

export const DEFAULT_ANALYSIS_TIMEOUT_MS = 120_000;

export interface ProfileRunOptions {
  /** Aborting before the load kills clinic; during the load it ends the load early and the report is still written. */
  signal?: AbortSignal;
  log?: (line: string) => void;
  readyTimeoutMs?: number;
  analysisTimeoutMs?: number;
  now?: () => Date;
}

export interface ProfileResult {
  htmlPath: string;
  htmlBytes: number;
  config: ServerConfig;
  client: ClientFigures;
  /** The load was cut short by the abort signal. */
  interrupted: boolean;
  /** Wall seconds of each phase. */
  timingS: { start: number; load: number; analysis: number; total: number };
  /** Processes of clinic's group that were still alive after clinic exited and had to be ended. */
  reapedLeftovers: boolean;
}

/** A profiling run that failed: exit 1, with clinic's and the server's last output. */
export class ProfileError extends LoopbenchError {
  constructor(
    message: string,
    readonly outputTail: string,
  ) {
    super('E_PROFILE', message);
    this.name = 'ProfileError';
  }
}

/** The run was interrupted before there was anything to profile. */
export class ProfileInterrupted extends LoopbenchError {
  constructor() {
    super('E_INTERRUPTED', 'interrupted before the load started; nothing was profiled');
    this.name = 'ProfileInterrupted';
  }
}

/** Temporary folders of the runs in progress (removed by `abortAllProfilesNow` too). */
const liveWorkDirs = new Set<string>();

/**
 * Synchronous last resort for exit hooks and a second Ctrl-C: SIGKILL to every clinic
 * group this process started, and removal of the runs' temporary folders.
 */
export function abortAllProfilesNow(): void {
  killAllClinicGroups();
  for (const dir of liveWorkDirs) rmSync(dir, { recursive: true, force: true });
  liveWorkDirs.clear();
}

export function defaultProfilesDir(): string {
  return join(packageRoot(), 'reports', 'profiles');
}

function serverConfigFor(options: ProfileOptions, usableCores: number): ServerConfig {
  const scenario = defineScenario({
    workload: options.workload,
    strategy: options.strategy,
    params: options.params,
    load: closedLoad(options.connections, options.durationS, 0),
  });
  const needsCalibration = usesCalibration(options.workload, options.params);
  const params = serverParams(scenario, { runId: 'profile', usableCores, ...(needsCalibration ? { calibration: calibrateCpu() } : {}) });
  return { strategy: options.strategy, workload: options.workload, params, poolSize: defaultPoolSize(usableCores), host: '127.0.0.1' };
}

const seconds = (fromMs: number) => (performance.now() - fromMs) / 1000;

export async function runProfile(options: ProfileOptions, run: ProfileRunOptions = {}): Promise<ProfileResult> {
  const log = run.log ?? (() => {});
  const startedMs = performance.now();
  const outDir = resolve(options.outDir ?? defaultProfilesDir());
  await mkdir(outDir, { recursive: true });
  const baseName = profileBaseName(options.strategy, options.workload, options.tool, (run.now ?? (() => new Date()))());

  const config = serverConfigFor(options, availableParallelism());
  if (config.params['cpuIterations'] !== undefined) log(`cpu workload: ${config.params['cpuIterations']} PBKDF2 rounds per request (cpuMs=${config.params['cpuMs']})`);

  // clinic's data and 0x's temporary logs go to a folder of our own, removed at the end.
  const workDir = await mkdtemp(join(tmpdir(), 'loopbench-profile-'));
  liveWorkDirs.add(workDir);
  const destDir = join(workDir, 'clinic');
  let clinic: ClinicProcess | undefined;
  try {
    log(`starting clinic ${options.tool} on ${options.strategy}/${options.workload}...`);
    try {
      clinic = await ClinicProcess.start({
        tool: options.tool,
        config,
        workDir,
        destDir,
        ...(run.readyTimeoutMs !== undefined ? { readyTimeoutMs: run.readyTimeoutMs } : {}),
        ...(run.signal ? { signal: run.signal } : {}),
      });
    } catch (error) {
      if (run.signal?.aborted) throw new ProfileInterrupted();
      if (error instanceof ServerError) throw new ProfileError(error.message, error.stderrTail);
      throw error;
    }
    const startS = seconds(startedMs);
    log(`server ready at ${clinic.url} (pid group ${clinic.pid}, ${startS.toFixed(1)} s)`);

    try {
      await validateOnce(clinic.url, options.workload, config.params);
    } catch (error) {
      throw new ProfileError(`the server under clinic answered wrongly: ${(error as Error).message}`, clinic.outputTail());
    }
    if (run.signal?.aborted) throw new ProfileInterrupted();

    log(`load: ${options.connections} connections for ${options.durationS} s`);
    const loadStartMs = performance.now();
    const client = await runLeanClosedLoad({
      url: clinic.url,
      pathFor: (id) => workPath(id),
      connections: options.connections,
      durationS: options.durationS,
      check: bodyCheckFor(options.workload, config.params),
      ...(run.signal ? { signal: run.signal } : {}),
    });
    const loadS = seconds(loadStartMs);
    const interrupted = run.signal?.aborted ?? false;
    if (interrupted) log(`load cut short after ${loadS.toFixed(1)} s; clinic still writes its report`);
    if (clinic.hasExited()) {
      throw new ProfileError(`clinic exited during the load (code ${clinic.hasExited()?.code})`, clinic.outputTail());
    }

    const analysisTimeoutMs = run.analysisTimeoutMs ?? DEFAULT_ANALYSIS_TIMEOUT_MS;
    log(`stopping the server; clinic ${options.tool} is analysing (up to ${Math.round(analysisTimeoutMs / 1000)} s)...`);
    const analysisStartMs = performance.now();
    clinic.requestReport();
    const exit = await clinic.waitForExit(analysisTimeoutMs);
    if (!exit) {
      throw new ProfileError(`clinic ${options.tool} did not finish within ${Math.round(analysisTimeoutMs / 1000)} s of the stop`, clinic.outputTail());
    }
    const analysisS = seconds(analysisStartMs);
    const reapedLeftovers = await clinic.reapGroup();
    if (exit.code !== 0) {
      throw new ProfileError(`clinic ${options.tool} failed (exit code ${exit.code}, signal ${exit.signal})`, clinic.outputTail());
    }
    const html = await findClinicHtml(destDir, options.tool, clinic.announcedHtml);
    if (!html) throw new ProfileError(`clinic ${options.tool} exited without writing an HTML report in ${destDir}`, clinic.outputTail());
    const htmlPath = await keepReport(html, outDir, baseName);
    const { size: htmlBytes } = await stat(htmlPath);

    return {
      htmlPath,
      htmlBytes,
      config,
      client,
      interrupted,
      timingS: { start: startS, load: loadS, analysis: analysisS, total: seconds(startedMs) },
      reapedLeftovers,
    };
  } finally {
    if (clinic && (!clinic.hasExited() || clinic.groupAlive())) await clinic.kill();
    await rm(workDir, { recursive: true, force: true });
    liveWorkDirs.delete(workDir);
  }
}
