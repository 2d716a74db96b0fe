/**
 * `npm run profile` (entry: scripts/profile.ts): flags → run → the HTML's path on stdout,
 * progress and figures on stderr.
 * Exit codes: 0 report written; 1 profiling failed; 2 bad input (nothing started);
 * 130 interrupted (a first Ctrl-C ends the load early and the report is still written;
 * a second one kills clinic's process group at once).
 */
import { LoopbenchError, UsageError } from '../run/errors.js';
import { parseProfileArgs, profileUsage, type ProfileOptions } from './args.js';
import { abortAllProfilesNow, ProfileError, ProfileInterrupted, runProfile, type ProfileResult } from './run-profile.js';

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

export async function profileMain(argv: string[]): Promise<number> {
  let options: ProfileOptions;
  try {
    options = parseProfileArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    say(error.message);
    return 2;
  }
  if (options.help) {
    process.stdout.write(profileUsage());
    return 0;
  }

  // Whatever happens, no clinic group outlives this process.
  process.on('exit', abortAllProfilesNow);
  const abort = new AbortController();
  let interrupts = 0;
  process.on('SIGINT', () => {
    interrupts++;
    if (interrupts === 1) {
      say('interrupted (Ctrl-C again to abort at once)');
      abort.abort();
    } else {
      say('aborted: ending clinic');
      abortAllProfilesNow();
      process.exit(130);
    }
  });
  process.on('SIGTERM', () => {
    abortAllProfilesNow();
    process.exit(143);
  });

  try {
    const result = await runProfile(options, { signal: abort.signal, log: say });
    say(summary(result).replace(/\n/g, '\nprofile: '));
    process.stdout.write(`${result.htmlPath}\n`);
    return result.interrupted ? 130 : 0;
  } catch (error) {
    if (error instanceof ProfileInterrupted) {
      say(error.message);
      return 130;
    }
    if (error instanceof UsageError) {
      say(error.message);
      return 2;
    }
    if (error instanceof ProfileError) {
      say(`${error.message}${error.outputTail ? `\n--- clinic and server output (last lines) ---\n${error.outputTail}` : ''}`);
      return 1;
    }
    say(error instanceof LoopbenchError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 1;
  }
}
