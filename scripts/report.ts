/** `npm run report -- <results.json> [--out DIR]`: see bench/reporters/report-command.ts. */
import { reportCommand } from '../bench/reporters/report-command.js';

process.exitCode = await reportCommand(process.argv.slice(2));
