/** results.json: the results file itself, pretty-printed (2 spaces, trailing newline). */
import type { Reporter } from './types.js';

export const json: Reporter = (results) => [{ path: 'results.json', contents: JSON.stringify(results, null, 2) + '\n' }];
