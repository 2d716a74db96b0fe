/**
 * `npm run profile` flags → typed options. Pure: every error is a UsageError (exit 2,
 * nothing started) naming the flag, the rule and the allowed values.
 */
import { parseArgs } from 'node:util';
import { getStrategy, strategyNames } from '../../servers/strategies/index.js';
import { getWorkload, isWorkloadName, workloadNames, type WorkloadName } from '../../servers/workloads/index.js';
import type { ParamSpec, ParamValue, WorkloadParams } from '../../servers/workloads/types.js';
import { UsageError } from '../run/errors.js';
import { isProfileTool, profileToolNames, profileTools, type ProfileTool } from './tools.js';

export const DEFAULT_PROFILE_DURATION_S = 10;
export const DEFAULT_PROFILE_CONNECTIONS = 50;

export interface ProfileOptions {
  strategy: string;
  workload: WorkloadName;
  tool: ProfileTool;
  connections: number;
  durationS: number;
  /** The workload's defaults overridden by `--param` (validated against its paramSpecs). */
  params: WorkloadParams;
  /** Folder that receives the HTML; undefined: reports/profiles of the package. */
  outDir?: string;
  help: boolean;
}

/**
 * Strategies clinic can profile: one server process. `cluster` is left out because
 * clinic doctor and flame refuse node:cluster (their preloads throw on `fork`).
 */
export const profileStrategyNames: string[] = strategyNames.filter((name) => {
  const strategy = getStrategy(name);
  return strategy.runtime === 'node' && strategy.topology !== 'prefork';
});

export function profileUsage(): string {
  const tools = profileToolNames
    .map((name) => {
      const not = Object.keys(profileTools[name].unsupportedStrategies);
      return `                       ${name.padEnd(11)}${profileTools[name].description}${not.length > 0 ? ` (not on ${not.join(', ')})` : ''}`;
    })
    .join('\n');
  const params = workloadNames
    .map((name) => {
      const specs = getWorkload(name).paramSpecs;
      const keys = Object.keys(specs);
      return `                       ${name}: ${keys.length > 0 ? keys.join(', ') : '(none)'}`;
    })
    .join('\n');
  return `Usage: npm run profile -- --strategy NAME --workload NAME [options]

Runs one loopbench server under clinic while loopbench's closed-model driver loads it,
then writes clinic's HTML report to reports/profiles/<strategy>-<workload>-<tool>-<time>.html
and prints its path.

  --strategy NAME      ${profileStrategyNames.join(' | ')}
  --workload NAME      ${workloadNames.join(' | ')}
  --tool NAME          ${profileToolNames.join(' | ')} (default: doctor)
${tools}
  --connections N      concurrent connections of the load (default: ${DEFAULT_PROFILE_CONNECTIONS})
  --duration S         seconds of load (default: ${DEFAULT_PROFILE_DURATION_S})
  --param KEY=VALUE    a workload parameter, repeatable; per workload:
${params}
  --out DIR            folder for the HTML (default: reports/profiles)
  --help               this text
`;
}

const MAX_CONNECTIONS = 10_000;
const MAX_DURATION_S = 3600;
/** The rule of each numeric flag, as the error messages state it. */
const NUMERIC_RULES: Record<string, string> = {
  connections: `an integer > 0 and <= ${MAX_CONNECTIONS}`,
  duration: `a number of seconds > 0 and <= ${MAX_DURATION_S}`,
};

function positiveNumber(flag: string, raw: string | undefined, fallback: number, { integer = false, max = Infinity } = {}): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value <= 0 || value > max) {
    throw new UsageError(`--${flag} must be ${NUMERIC_RULES[flag]}; got '${raw}'`);
  }
  return value;
}

function oneOf(flag: string, raw: string | undefined, allowed: readonly string[]): string {
  if (raw === undefined) throw new UsageError(`--${flag} is required; allowed: ${allowed.join(', ')}`);
  if (!allowed.includes(raw)) throw new UsageError(`--${flag}: unknown ${flag} '${raw}'; allowed: ${allowed.join(', ')}`);
  return raw;
}

function specRule(spec: ParamSpec): string {
  if (spec.kind === 'boolean') return 'true or false';
  if (spec.kind === 'string') return spec.oneOf ? `one of ${spec.oneOf.join(', ')}` : 'a string';
  const bounds = [spec.min !== undefined ? `>= ${spec.min}` : '', spec.max !== undefined ? `<= ${spec.max}` : ''].filter(Boolean).join(' and ');
  return `${spec.kind === 'integer' ? 'an integer' : 'a number'}${bounds ? ` ${bounds}` : ''}`;
}

function paramValue(key: string, raw: string, spec: ParamSpec): ParamValue {
  const bad = () => new UsageError(`--param ${key} must be ${specRule(spec)} (${spec.description}); got '${raw}'`);
  switch (spec.kind) {
    case 'boolean':
      if (raw !== 'true' && raw !== 'false') throw bad();
      return raw === 'true';
    case 'string':
      if (raw === '' || (spec.oneOf && !spec.oneOf.includes(raw))) throw bad();
      return raw;
    default: {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value)) throw bad();
      if (spec.kind === 'integer' && !Number.isInteger(value)) throw bad();
      if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) throw bad();
      return value;
    }
  }
}

/** The workload's defaults with each `KEY=VALUE` applied, every key and value checked. */
export function parseParams(workloadName: WorkloadName, raws: readonly string[]): WorkloadParams {
  const workload = getWorkload(workloadName);
  const params: WorkloadParams = { ...workload.defaults };
  const keys = Object.keys(workload.paramSpecs);
  for (const raw of raws) {
    const eq = raw.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param must be KEY=VALUE; got '${raw}'`);
    const key = raw.slice(0, eq);
    const spec = workload.paramSpecs[key];
    if (!spec) {
      throw new UsageError(`--param: unknown parameter '${key}' for workload ${workloadName}; allowed: ${keys.length > 0 ? keys.join(', ') : '(none)'}`);
    }
    params[key] = paramValue(key, raw.slice(eq + 1), spec);
  }
  return params;
}

export function parseProfileArgs(argv: string[]): ProfileOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        strategy: { type: 'string' },
        workload: { type: 'string' },
        tool: { type: 'string' },
        connections: { type: 'string' },
        duration: { type: 'string' },
        param: { type: 'string', multiple: true },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // parseArgs refuses `--duration -1` as "ambiguous"; say what is wrong with the value instead.
    const ambiguous = /Option '--([\w-]+)' argument is ambiguous/.exec((error as Error).message);
    if (ambiguous) {
      const flag = ambiguous[1]!;
      const value = argv[argv.indexOf(`--${flag}`) + 1] ?? '';
      const rule = NUMERIC_RULES[flag];
      throw new UsageError(rule ? `--${flag} must be ${rule}; got '${value}'` : `--${flag}: value '${value}' looks like a flag`);
    }
    throw new UsageError(`${(error as Error).message}\n\n${profileUsage()}`);
  }
  const v = parsed.values;
  const help = v.help ?? false;
  if (help) {
    return { strategy: '', workload: workloadNames[0]!, tool: 'doctor', connections: 0, durationS: 0, params: {}, help };
  }

  if (v.strategy !== undefined && strategyNames.includes(v.strategy as never) && !profileStrategyNames.includes(v.strategy)) {
    throw new UsageError(
      `--strategy: '${v.strategy}' cannot be profiled: clinic profiles one Node.js process (it refuses node:cluster and Python servers); allowed: ${profileStrategyNames.join(', ')}`,
    );
  }
  const strategy = oneOf('strategy', v.strategy, profileStrategyNames);
  const workload = oneOf('workload', v.workload, workloadNames);
  const tool = oneOf('tool', v.tool ?? 'doctor', profileToolNames);
  if (!isWorkloadName(workload) || !isProfileTool(tool)) throw new Error('unreachable');
  const unsupported = profileTools[tool].unsupportedStrategies[strategy];
  if (unsupported) {
    const tools = profileToolNames.filter((name) => !profileTools[name].unsupportedStrategies[strategy]);
    throw new UsageError(`--tool ${tool} cannot profile --strategy ${strategy}: ${unsupported}; tools for ${strategy}: ${tools.join(', ')}`);
  }
  if (v.out !== undefined && v.out.trim() === '') throw new UsageError('--out must be a folder path; got an empty string');

  return {
    strategy,
    workload,
    tool,
    connections: positiveNumber('connections', v.connections, DEFAULT_PROFILE_CONNECTIONS, { integer: true, max: MAX_CONNECTIONS }),
    durationS: positiveNumber('duration', v.duration, DEFAULT_PROFILE_DURATION_S, { max: MAX_DURATION_S }),
    params: parseParams(workload, v.param ?? []),
    ...(v.out !== undefined ? { outDir: v.out } : {}),
    help,
  };
}
