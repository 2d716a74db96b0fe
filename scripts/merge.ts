/** `npm run merge -- DIR... [--out DIR] [--allow-partial]`: see bench/merge/command.ts. */
import { mergeCommand } from '../bench/merge/command.js';

process.exitCode = await mergeCommand(process.argv.slice(2));
