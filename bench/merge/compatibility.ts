/**
 * Whether the given files are parts of one plan, run the same way: the refusals of
 * `npm run merge` (MergeError, exit 2), each naming the file and the difference, and the
 * parts that are missing.
 */
import { planHash } from '../shard.js';
import { UsageError } from '../errors.js';
import type { ResultsFile } from '../types.js';

export class MergeError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'MergeError';
  }
}

export interface LoadedInput {
  /** As given on the command line (named in messages). */
  path: string;
  results: ResultsFile;
}

/** Options that legitimately differ between the parts of one plan. */
const PER_PART_OPTIONS = new Set(['outDir', 'shard', 'segment', 'help']);

function comparableOptions(results: ResultsFile): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(results.options).sort()) if (!PER_PART_OPTIONS.has(key)) out[key] = JSON.stringify(results.options[key]);
  return out;
}

export function shardOf(r: ResultsFile): { shard: number; of: number } {
  return r.sharding ? { shard: r.sharding.shard, of: r.sharding.of } : { shard: 1, of: 1 };
}

/** The plan's identity: the shard's recorded hash, or (segments of an unsharded plan) a hash of its scenarios. */
function planIdOf(r: ResultsFile): string {
  if (r.sharding) return r.sharding.planHash;
  return planHash({ suite: { name: r.suite } as never, repetitions: Number(r.options['repetitions'] ?? 0), scenarios: r.scenarios });
}

function describe(input: LoadedInput): string {
  const r = input.results;
  const parts = [r.sharding ? `shard ${r.sharding.shard}/${r.sharding.of}` : '', r.segment ? `segment ${r.segment.segment}/${r.segment.of}` : ''].filter(Boolean).join(', ');
  return `${input.path}${parts ? ` (${parts})` : ''}`;
}

/** Every input must agree on this field; the message names it and both values. */
function requireSame(inputs: readonly LoadedInput[], what: string, valueOf: (r: ResultsFile) => unknown, hint: string): void {
  const first = inputs[0]!;
  const expected = JSON.stringify(valueOf(first.results));
  for (const other of inputs.slice(1)) {
    const actual = JSON.stringify(valueOf(other.results));
    if (actual !== expected) throw new MergeError(`${describe(other)} has ${what} ${actual}, ${describe(first)} has ${expected}: ${hint}`);
  }
}

export function checkCompatible(inputs: readonly LoadedInput[]): void {
  if (inputs.length === 0) throw new MergeError('no results given: pass the results folders of the shards or segments, e.g. npm run merge -- shard-1 shard-2');
  for (const input of inputs) {
    if (!input.results.sharding && !input.results.segment) {
      throw new MergeError(`${input.path} was not produced with --shard or --segment: merge joins the parts of one plan (run them with --shard i/n or --segment i/n)`);
    }
  }
  const hint = 'the parts of one merge must come from one plan run the same way';
  requireSame(inputs, 'schemaVersion', (r) => r.schemaVersion, 'rerun the older part with this loopbench');
  requireSame(inputs, 'suite', (r) => r.suite, hint);
  requireSame(inputs, 'commit', (r) => r.machine.gitCommit, 'every part must run the same commit (check out one commit on every runner)');
  requireSame(inputs, 'lockfile hash', (r) => r.machine.lockfileSha256, 'every part must run the same dependencies (npm ci from one package-lock.json)');
  const options0 = comparableOptions(inputs[0]!.results);
  for (const other of inputs.slice(1)) {
    const options = comparableOptions(other.results);
    const keys = [...new Set([...Object.keys(options0), ...Object.keys(options)])].sort();
    const differ = keys.filter((k) => options0[k] !== options[k]);
    if (differ.length > 0) {
      const detail = differ.map((k) => `${k}: ${options[k] ?? 'unset'} vs ${options0[k] ?? 'unset'}`).join('; ');
      throw new MergeError(`${describe(other)} was run with other options than ${describe(inputs[0]!)} (${detail}): ${hint}`);
    }
  }
  requireSame(inputs, 'plan', planIdOf, 'the shards were split from different plans (other suite, --filter, --claims or overrides)');
  requireSame(inputs, 'shard count', (r) => shardOf(r).of, 'every shard must be of the same n (--shard i/n)');
  requireSame(inputs, 'use of segments', (r) => (r.segment ? `${r.segment.of} segments` : 'no segments'), 'merge either segments of one load or plain shards, with the same --segment n');
  const byRun = new Map<string, LoadedInput>();
  for (const input of inputs) {
    const seen = byRun.get(input.results.runId);
    if (seen) throw new MergeError(`${input.path} and ${seen.path} are the same run (${input.results.runId}): give each results folder once`);
    byRun.set(input.results.runId, input);
  }
  const byPart = new Map<string, LoadedInput>();
  for (const input of inputs) {
    const r = input.results;
    const key = `${shardOf(r).shard}/${r.segment?.segment ?? 1}`;
    const seen = byPart.get(key);
    if (seen) throw new MergeError(`${describe(input)} and ${describe(seen)} are the same part twice (duplicate): give each shard${r.segment ? ' and segment' : ''} once`);
    byPart.set(key, input);
  }
}

/** The shards and segments expected but not given, e.g. `shard 2/4`, `segment 3/3 of shard 1/2`. */
export function missingParts(inputs: readonly LoadedInput[]): string[] {
  const first = inputs[0]!.results;
  const shards = shardOf(first).of;
  const segments = first.segment?.of ?? 1;
  const given = new Set(inputs.map((i) => `${shardOf(i.results).shard}/${i.results.segment?.segment ?? 1}`));
  const missing: string[] = [];
  for (let shard = 1; shard <= shards; shard++) {
    const none = [...Array(segments).keys()].every((k) => !given.has(`${shard}/${k + 1}`));
    if (none && shards > 1) {
      missing.push(`shard ${shard}/${shards}`);
      continue;
    }
    for (let segment = 1; segment <= segments; segment++) {
      if (!given.has(`${shard}/${segment}`)) missing.push(segments > 1 && shards > 1 ? `segment ${segment}/${segments} of shard ${shard}/${shards}` : `segment ${segment}/${segments}`);
    }
  }
  return missing;
}
