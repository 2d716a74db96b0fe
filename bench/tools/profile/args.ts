/**
 * `npm run profile` flags → typed options. Pure: every error is a UsageError (exit 2,
 * nothing started) naming the flag, the rule and the allowed values.
 */
import { defineCommand, parseFlags, usage } from '../../cli-kit/command.js';
import { choiceFlag, numberFlag, repeatedFlag, requiredChoiceFlag, textFlag } from '../../cli-kit/flags.js';
import { getStrategy, strategyNames } from '../../../servers/strategies/index.js';
import { getWorkload, workloadNames, type WorkloadName } from '../../../servers/workloads/index.js';
import type { ParamSpec, ParamValue, WorkloadParams } from '../../../servers/workloads/types.js';
import { UsageError } from '../../errors.js';
import { profileToolNames, profileTools, type ProfileTool } from './tools.js';

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

const MAX_CONNECTIONS = 10_000;
const MAX_DURATION_S = 3600;

const toolLines = profileToolNames.map((name) => {
  const not = Object.keys(profileTools[name].unsupportedStrategies);
  return `${name.padEnd(11)}${profileTools[name].description}${not.length > 0 ? ` (not on ${not.join(', ')})` : ''}`;
});
const paramLines = workloadNames.map((name) => {
  const keys = Object.keys(getWorkload(name).paramSpecs);
  return `${name}: ${keys.length > 0 ? keys.join(', ') : '(none)'}`;
});

/** A strategy of the suite that clinic cannot profile is named as such, not as unknown. */
function notProfilable(raw: string): string {
  return strategyNames.includes(raw as never) && !profileStrategyNames.includes(raw)
    ? ` cannot be profiled: clinic profiles one Node.js process (it refuses node:cluster and Python servers)`
    : '';
}

function parseStrategy(raw: string | undefined): string {
  if (raw !== undefined && notProfilable(raw)) throw new UsageError(`--strategy: '${raw}'${notProfilable(raw)}; allowed: ${profileStrategyNames.join(', ')}`);
  return requiredStrategy.read(raw);
}
const requiredStrategy = requiredChoiceFlag({ name: 'strategy', metavar: 'NAME', help: profileStrategyNames.join(' | '), choices: profileStrategyNames, noun: 'strategy' });

export const profileCommand = defineCommand({
  synopsis: 'npm run profile -- --strategy NAME --workload NAME [options]',
  intro: `Runs one loopbench server under clinic while loopbench's closed-model driver loads it,
then writes clinic's HTML report to reports/profiles/<strategy>-<workload>-<tool>-<time>.html
and prints its path.`,
  flags: {
    strategy: { ...requiredStrategy, read: parseStrategy },
    workload: requiredChoiceFlag({ name: 'workload', metavar: 'NAME', help: workloadNames.join(' | '), choices: workloadNames, noun: 'workload' }),
    tool: choiceFlag<ProfileTool>({ name: 'tool', metavar: 'NAME', help: [`${profileToolNames.join(' | ')} (default: doctor)`, ...toolLines].join('\n'), choices: profileToolNames, noun: 'tool', default: 'doctor' }),
    connections: numberFlag({
      name: 'connections',
      metavar: 'N',
      help: `concurrent connections of the load (default: ${DEFAULT_PROFILE_CONNECTIONS})`,
      kind: 'integer',
      above: 0,
      max: MAX_CONNECTIONS,
      default: DEFAULT_PROFILE_CONNECTIONS,
    }),
    duration: numberFlag({ name: 'duration', metavar: 'S', help: `seconds of load (default: ${DEFAULT_PROFILE_DURATION_S})`, unit: 'seconds', above: 0, max: MAX_DURATION_S, default: DEFAULT_PROFILE_DURATION_S }),
    // Read against the workload's specs once the workload is known (parseParams).
    param: repeatedFlag({ name: 'param', metavar: 'KEY=VALUE', help: ['a workload parameter, repeatable; per workload:', ...paramLines].join('\n'), read: (raws) => raws }),
    out: textFlag({ name: 'out', metavar: 'DIR', help: 'folder for the HTML (default: reports/profiles)', nonEmpty: 'a folder path' }),
  },
});

export function profileUsage(): string {
  return usage(profileCommand);
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

export function parseProfileArgs(argv: readonly string[]): ProfileOptions {
  const parsed = parseFlags(profileCommand, argv);
  if (parsed.help) return { strategy: '', workload: workloadNames[0]!, tool: 'doctor', connections: 0, durationS: 0, params: {}, help: true };
  const { strategy, workload, tool, connections, duration, param, out } = parsed.values;
  const unsupported = profileTools[tool].unsupportedStrategies[strategy];
  if (unsupported) {
    const tools = profileToolNames.filter((name) => !profileTools[name].unsupportedStrategies[strategy]);
    throw new UsageError(`--tool ${tool} cannot profile --strategy ${strategy}: ${unsupported}; tools for ${strategy}: ${tools.join(', ')}`);
  }
  return {
    strategy,
    workload,
    tool,
    connections,
    durationS: duration,
    params: parseParams(workload, param),
    ...(out !== undefined ? { outDir: out } : {}),
    help: false,
  };
}
