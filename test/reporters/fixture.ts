/** The fixture results file, loaded fresh (a new object) on every call. */
import { fileURLToPath } from 'node:url';
import { loadResultsFile } from '../../bench/reporters/load-results.js';
import type { ResultsFile } from '../../bench/types.js';

export const FIXTURE_PATH = fileURLToPath(new URL('../fixtures/results-quick.json', import.meta.url));

export function loadFixture(): ResultsFile {
  return loadResultsFile(FIXTURE_PATH);
}
