/**
 * The one boundary that turns a file on disk into a ResultsFile. Every failure throws a
 * ResultsFileError whose message says, on one line, what is wrong and how to fix it.
 */
import { readFileSync, statSync } from 'node:fs';
import { READABLE_RESULTS_SCHEMA_VERSIONS, type ResultsFile } from '../types.js';
import { LoopbenchError } from '../errors.js';

export type ResultsFileErrorCode = 'not-found' | 'unreadable' | 'not-json' | 'not-loopbench' | 'unknown-schema' | 'malformed';

export class ResultsFileError extends LoopbenchError {
  constructor(
    override readonly code: ResultsFileErrorCode,
    message: string,
  ) {
    super(code, message);
    this.name = 'ResultsFileError';
  }
}

const HOW_TO_GET_ONE = 'pass a results.json written by `npm run bench` (e.g. reports/latest/results.json)';

export function loadResultsFile(path: string): ResultsFile {
  let text: string;
  try {
    if (statSync(path).isDirectory()) {
      throw new ResultsFileError('unreadable', `${path} is a directory, not a results file: ${HOW_TO_GET_ONE}`);
    }
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if (err instanceof ResultsFileError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new ResultsFileError('not-found', `results file not found: ${path}: ${HOW_TO_GET_ONE}`);
    }
    throw new ResultsFileError('unreadable', `cannot read ${path} (${(err as Error).message}): check its permissions`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ResultsFileError('not-json', `${path} is not JSON (${(err as Error).message}): ${HOW_TO_GET_ONE}`);
  }
  return validateResults(data, path);
}

/** Checks the parts every reporter relies on; the rest is trusted to the writer. */
export function validateResults(data: unknown, path = 'results'): ResultsFile {
  if (!isObject(data) || data['tool'] !== 'loopbench') {
    throw new ResultsFileError('not-loopbench', `${path} is not a loopbench results file (its "tool" field is not "loopbench"): ${HOW_TO_GET_ONE}`);
  }
  const version = data['schemaVersion'];
  if (typeof version !== 'number' || !READABLE_RESULTS_SCHEMA_VERSIONS.includes(version)) {
    throw new ResultsFileError(
      'unknown-schema',
      `${path} has schemaVersion ${JSON.stringify(version)}, this loopbench reads schemaVersion ${READABLE_RESULTS_SCHEMA_VERSIONS.join(' or ')}: ` +
        'report it with the loopbench version that wrote it, or re-run `npm run bench`',
    );
  }
  for (const key of ['scenarios', 'runs', 'summaries'] as const) {
    if (!Array.isArray(data[key])) throw malformed(path, `"${key}" must be an array`);
  }
  if (!isObject(data['machine'])) throw malformed(path, '"machine" must be an object');
  (data['summaries'] as unknown[]).forEach((s, i) => {
    if (!isObject(s) || typeof s['scenarioId'] !== 'string' || typeof s['workload'] !== 'string' || typeof s['strategy'] !== 'string') {
      throw malformed(path, `summaries[${i}] needs string scenarioId, workload and strategy`);
    }
    if (!Array.isArray(s['tags']) || !isObject(s['params'])) throw malformed(path, `summaries[${i}] needs "tags" (array) and "params" (object)`);
  });
  if (data['claims'] !== undefined && !Array.isArray(data['claims'])) throw malformed(path, '"claims" must be an array when present');
  // Version 1 is version 2 without the per-run histograms and per-second series (all
  // optional): it loads as is, and the charts that need them say so (charts/run-data.ts).
  return data as unknown as ResultsFile;
}

function malformed(path: string, rule: string): ResultsFileError {
  return new ResultsFileError('malformed', `${path} is a damaged loopbench results file: ${rule}; re-run \`npm run bench\` to write a new one`);
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
