/** `npm run merge -- DIR... [--out DIR] [--allow-partial]`: see bench/merge/command.ts. */
import { runMain } from '../bench/cli-kit/main.js';
import { mergeCommand } from '../bench/merge/command.js';

await runMain({ name: 'merge' }, () => mergeCommand(process.argv.slice(2)));
