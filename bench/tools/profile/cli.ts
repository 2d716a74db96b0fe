/**
 * `npm run profile` (entry: scripts/profile.ts): flags → run → the HTML's path on stdout,
 * progress and figures on stderr.
 * Exit codes (bench/cli-kit/exit-codes.ts): 0 report written; 1 profiling failed (ProfileError);
 * 2 bad input (nothing started);
 * 130 interrupted (a first Ctrl-C ends the load early and the report is still written;
 * a second one kills clinic's process group at once).
 */
import { EXIT } from '../../cli-kit/exit-codes.js';
import { runMain, type MainContext } from '../../cli-kit/main.js';
import { parseProfileArgs, profileUsage } from './args.js';
import { abortAllProfilesNow, ProfileError, runProfile, type ProfileResult } from './run-profile.js';

const say = (line: string) => process.stderr.write(`profile: ${line}\n`);

function summary(result: ProfileResult): string {
  const c = result.client;
  const t = result.timingS;
  const problems = c.errors + c.timeouts + c.non2xx + c.wrongBodies;
  return [
    `load${result.interrupted ? ' (cut short)' : ''}: ${c.requests} requests in ${c.durationS.toFixed(1)} s = ${c.rps.toFixed(1)} req/s, ` +
      `latency p50 ${c.latencyMs.p50.toFixed(1)} ms, p99 ${c.latencyMs.p99.toFixed(1)} ms` +
      (problems > 0 ? `; errors ${c.errors}, timeouts ${c.timeouts}, non-2xx ${c.non2xx}, wrong bodies ${c.wrongBodies}` : ''),
    `time: start ${t.start.toFixed(1)} s, load ${t.load.toFixed(1)} s, clinic analysis ${t.analysis.toFixed(1)} s, total ${t.total.toFixed(1)} s`,
    `report: ${(result.htmlBytes / 1024).toFixed(0)} KiB` + (result.reapedLeftovers ? ' (processes left by clinic had to be ended)' : ''),
  ].join('\n');
}

export async function profileMain(argv: readonly string[], { interruptSignal }: MainContext): Promise<number> {
  const options = parseProfileArgs(argv);
  if (options.help) {
    process.stdout.write(profileUsage());
    return EXIT.ok;
  }

  // Whatever happens, no clinic group outlives this process.
  process.on('exit', abortAllProfilesNow);
  // A first Ctrl-C ends the load early (the report is still written); a second ends clinic (the cleanup) and exits 130.
  const signal = interruptSignal('profile: interrupted (Ctrl-C again to abort at once)');
  process.on('SIGTERM', () => {
    abortAllProfilesNow();
    process.exit(143);
  });

  try {
    const result = await runProfile(options, { signal, log: say });
    say(summary(result).replace(/\n/g, '\nprofile: '));
    process.stdout.write(`${result.htmlPath}\n`);
    return result.interrupted ? EXIT.interrupted : EXIT.ok;
  } catch (error) {
    if (!(error instanceof ProfileError) || !error.outputTail) throw error;
    say(`${error.message}\n--- clinic and server output (last lines) ---\n${error.outputTail}`);
    return EXIT.failed;
  }
}

/** The process's main (scripts/profile.ts). */
export function runProfileCommand(argv: readonly string[]): Promise<void> {
  return runMain({ name: 'profile', cleanup: abortAllProfilesNow }, (context) => profileMain(argv, context));
}
