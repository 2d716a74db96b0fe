/** `npm run report -- <results.json> [--out DIR]`: see bench/reporters/report-command.ts. */
import { runMain } from '../bench/cli-kit/main.js';
import { reportCommand } from '../bench/reporters/report-command.js';

await runMain({ name: 'report' }, () => reportCommand(process.argv.slice(2)));
