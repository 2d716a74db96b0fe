/** The command-line kit: declarations → parseArgs config, typed values, usage, messages; exit codes; main; Ctrl-C. */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { defineCommand, flagDefaults, parseArgsOptions, parseFlags, usage } from '../../bench/cli-kit/command.js';
import { EXIT, exitCodeOf } from '../../bench/cli-kit/exit-codes.js';
import { choiceFlag, customFlag, numberFlag, numberRuleText, percentFlag, repeatedFlag, requiredChoiceFlag, restated, switchFlag, textFlag } from '../../bench/cli-kit/flags.js';
import { interruptSignal, type SignalSource } from '../../bench/cli-kit/interrupt.js';
import { describeError, guarded, runMain } from '../../bench/cli-kit/main.js';
import { BaselineError } from '../../bench/gate/baseline.js';
import { ChartSpecError } from '../../bench/charts/render.js';
import { FontMissingError } from '../../bench/charts/fonts.js';
import { MicroUsageError } from '../../bench/tools/micro/args.js';
import { ResultsFileError } from '../../bench/reporters/load-results.js';
import { LoopbenchError, ServerError, UsageError } from '../../bench/errors.js';
import { ResourceError } from '../../bench/run/resources/types.js';
import { SetupError } from '../../bench/setup/errors.js';
import { MergeError } from '../../bench/merge/compatibility.js';
import { ProfileError, ProfileInterrupted } from '../../bench/tools/profile/run-profile.js';
import { usageErrorOf } from './usage-error.js';

const demo = defineCommand({
  synopsis: 'demo -- [options]',
  intro: 'Does a demo.',
  flags: {
    durationS: numberFlag({ name: 'duration', metavar: 'S', help: 'seconds', above: 0, max: 60, default: 5 }),
    count: numberFlag({ name: 'count', metavar: 'N', help: 'how many\nat most 10', kind: 'integer', min: 1, max: 10 }),
    mode: choiceFlag({ name: 'mode', metavar: 'KIND', help: 'fast or slow', choices: ['fast', 'slow'] as const, default: 'fast' }),
    tool: requiredChoiceFlag({ name: 'tool', metavar: 'NAME', help: 'a tool', choices: ['saw', 'drill', 'plane'] as const, noun: 'tool' }),
    band: percentFlag({ name: 'band', metavar: 'PCT', help: 'a band', min: 0, max: 100, example: '5%', default: 5 }),
    out: textFlag({ name: 'out', metavar: 'DIR', help: 'a folder', nonEmpty: 'a folder path', default: 'reports' }),
    names: customFlag({ name: 'names', metavar: 'LIST', help: 'comma-separated', parse: (raw) => raw.split(','), default: [] as string[] }),
    tag: repeatedFlag({ name: 'tag', metavar: 'T', help: 'repeatable', read: (raws) => [...raws] }),
    verbose: switchFlag('verbose', 'say more', 'v'),
    secret: restated(switchFlag('secret', 'not shown'), { hidden: true }),
  },
  outro: 'Exit codes: 0 ok.',
});

const messageOf = (argv: string[]): string => usageErrorOf((a) => parseFlags(demo, a), argv);

describe('flags declared once', () => {
  it('generate the node:util parseArgs options, --help included', () => {
    expect(parseArgsOptions(demo)).toEqual({
      duration: { type: 'string' },
      count: { type: 'string' },
      mode: { type: 'string' },
      tool: { type: 'string' },
      band: { type: 'string' },
      out: { type: 'string' },
      names: { type: 'string' },
      tag: { type: 'string', multiple: true },
      verbose: { type: 'boolean', short: 'v' },
      secret: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
  });

  it('parse into typed values, each at its default when absent', () => {
    const parsed = parseFlags(demo, ['--tool', 'saw', '--duration', '2.5', '--count=3', '--band', '10%', '--names', 'a,b', '--tag', 'x', '--tag', 'y', '-v']);
    expect(parsed).toEqual({
      help: false,
      positionals: [],
      values: { durationS: 2.5, count: 3, mode: 'fast', tool: 'saw', band: 10, out: 'reports', names: ['a', 'b'], tag: ['x', 'y'], verbose: true, secret: false },
    });
  });

  it('--help skips every parser (a required flag may be missing)', () => {
    expect(parseFlags(demo, ['--help'])).toEqual({ help: true });
    expect(parseFlags(demo, ['-h', '--duration', 'x'])).toEqual({ help: true });
  });

  it('defaults are what the flags read when none is given', () => {
    const { tool: _tool, ...rest } = demo.flags;
    expect(flagDefaults(rest)).toEqual({ durationS: 5, count: undefined, mode: 'fast', band: 5, out: 'reports', names: [], tag: [], verbose: false, secret: false });
  });

  it('refuse a bad value with the flag, the rule and what was given', () => {
    expect(messageOf(['--tool', 'saw', '--duration', '0'])).toBe("--duration must be a number > 0 and <= 60; got '0'");
    expect(messageOf(['--tool', 'saw', '--count', '2.5'])).toBe("--count must be an integer between 1 and 10; got '2.5'");
    expect(messageOf(['--tool', 'saw', '--mode', 'medium'])).toBe("--mode must be fast or slow; got 'medium'");
    expect(messageOf(['--tool', 'hammer'])).toBe("--tool: unknown tool 'hammer'; allowed: saw, drill, plane");
    expect(messageOf([])).toBe('--tool is required; allowed: saw, drill, plane');
    expect(messageOf(['--tool', 'saw', '--band', '150%'])).toBe("--band must be a percentage from 0% to 100%, e.g. 5%; got '150%'");
    expect(messageOf(['--tool', 'saw', '--out', ' '])).toBe('--out must be a folder path; got an empty string');
  });

  it('say what is wrong with a negative number parseArgs calls ambiguous', () => {
    expect(messageOf(['--tool', 'saw', '--duration', '-1'])).toBe("--duration must be a number > 0 and <= 60; got '-1'");
    expect(messageOf(['--tool', 'saw', '--names', '-a'])).toBe("--names: value '-a' looks like a flag; write --names=-a");
  });

  it('refuse an unknown flag or a positional, with the usage', () => {
    expect(messageOf(['--bogus'])).toMatch(/Unknown option '--bogus'[\s\S]*Usage: demo -- \[options\]/);
    expect(messageOf(['stray'])).toMatch(/positional[\s\S]*Usage: demo/);
  });

  it('state number rules the same way everywhere', () => {
    expect(numberRuleText({ kind: 'integer', above: 0, max: 100 })).toBe('an integer > 0 and <= 100');
    expect(numberRuleText({ unit: 'seconds', above: 0, max: 3600 })).toBe('a number of seconds > 0 and <= 3600');
    expect(numberRuleText({ kind: 'whole', min: 1, max: 100 })).toBe('a whole number between 1 and 100');
    expect(numberRuleText({ kind: 'integer', min: 1000 })).toBe('an integer >= 1000');
    expect(numberRuleText({ kind: 'integer', min: 2, max: 100, why: 'noise' })).toBe('an integer between 2 and 100 (noise)');
  });
});

describe('usage generated from the declarations', () => {
  it('lists every flag with its value name and help, continuation lines aligned, hidden ones left out', () => {
    expect(usage(demo)).toBe(`Usage: demo -- [options]

Does a demo.

  --duration S         seconds
  --count N            how many
                       at most 10
  --mode KIND          fast or slow
  --tool NAME          a tool
  --band PCT           a band
  --out DIR            a folder
  --names LIST         comma-separated
  --tag T              repeatable
  -v, --verbose        say more
  --help               this text

Exit codes: 0 ok.
`);
  });

  it('gains a line when a flag is declared (one declaration, nothing else to edit)', () => {
    const more = defineCommand({ ...demo, flags: { ...demo.flags, extra: switchFlag('extra', 'one more') } });
    expect(usage(more)).toContain('  --extra              one more\n');
    expect(parseArgsOptions(more)['extra']).toEqual({ type: 'boolean' });
  });

  it('refuses to let a command declare --help itself', () => {
    expect(() => defineCommand({ synopsis: 'x', flags: { help: switchFlag('help', 'mine') } })).toThrow(/--help is every command's own/);
  });
});

describe('one error family, one exit-code map', () => {
  it('every error class is a LoopbenchError with a stable code', () => {
    const errors: [LoopbenchError, string, number][] = [
      [new UsageError('x'), 'E_USAGE', EXIT.usage],
      [new MergeError('x'), 'E_USAGE', EXIT.usage],
      [new MicroUsageError('x'), 'E_USAGE', EXIT.usage],
      [new BaselineError('x'), 'E_BASELINE', EXIT.usage],
      [new ResultsFileError('not-found', 'x'), 'not-found', EXIT.usage],
      [new ResultsFileError('malformed', 'x'), 'malformed', EXIT.usage],
      [new SetupError('setup: x'), 'E_SETUP', EXIT.missingPart],
      [new ServerError('x', ''), 'E_SERVER', EXIT.failed],
      [new ProfileError('x', ''), 'E_PROFILE', EXIT.failed],
      [new ProfileInterrupted(), 'E_INTERRUPTED', EXIT.interrupted],
      [new ResourceError('x'), 'E_RESOURCE', EXIT.failed],
      [new ChartSpecError('x'), 'E_CHART_SPEC', EXIT.failed],
      [new FontMissingError('x'), 'E_FONT_MISSING', EXIT.failed],
      [new LoopbenchError('E_HARNESS', 'x'), 'E_HARNESS', EXIT.usage],
    ];
    for (const [error, code, exit] of errors) {
      expect(error, error.name).toBeInstanceOf(LoopbenchError);
      expect(error.code, error.name).toBe(code);
      expect(exitCodeOf(error), error.name).toBe(exit);
    }
  });

  it('the map is the README table: 0 ok, 1 failed, 2 usage, 3 no valid result, 4 missing part, 130 interrupted', () => {
    expect(EXIT).toEqual({ ok: 0, failed: 1, usage: 2, noValidResult: 3, missingPart: 4, interrupted: 130 });
  });

  it('an error outside the family fails (1), or what the command declares (the gate: 2)', () => {
    expect(exitCodeOf(new TypeError('bug'))).toBe(EXIT.failed);
    expect(exitCodeOf(new TypeError('bug'), EXIT.usage)).toBe(EXIT.usage);
    expect(exitCodeOf('thrown string')).toBe(EXIT.failed);
    expect(exitCodeOf(new LoopbenchError('E_SOMETHING_NEW', 'x'))).toBe(EXIT.failed);
  });

  it('prints an expected error without a stack, an unexpected one with it', () => {
    expect(describeError('loopbench', new UsageError('--duration must be a number'))).toBe('loopbench: --duration must be a number');
    expect(describeError('loopbench', new SetupError('setup: postgres is missing'))).toBe('setup: postgres is missing');
    const bug = new TypeError('undefined is not a function');
    expect(describeError('merge', bug)).toBe(`merge: ${bug.stack}`);
    expect(describeError('merge', bug)).toContain('kit.test.ts');
  });
});

describe('the main wrapper', () => {
  it('returns the body code, or prints the error and returns its code', async () => {
    const err: string[] = [];
    expect(await guarded({ name: 'x', err: (l) => err.push(l) }, async () => 3)).toBe(3);
    expect(await guarded({ name: 'x', err: (l) => err.push(l) }, async () => Promise.reject(new UsageError('bad flag')))).toBe(2);
    expect(await guarded({ name: 'x', err: (l) => err.push(l), unexpectedExit: EXIT.usage }, async () => Promise.reject(new Error('bug')))).toBe(2);
    expect(err[0]).toBe('x: bad flag');
    expect(err[1]).toMatch(/^x: Error: bug\n\s+at /);
  });

  it('runs the cleanup before the exit, on success and on error', async () => {
    const cases: [() => Promise<number>, number][] = [
      [async () => 0, 0],
      [async () => Promise.reject(new UsageError('no')), 2],
      [async () => Promise.reject(new Error('bug')), 1],
    ];
    for (const [body, code] of cases) {
      const events: string[] = [];
      await runMain({ name: 'x', err: () => {}, cleanup: () => events.push('cleanup'), exit: (c) => events.push(`exit ${c}`) }, body);
      expect(events).toEqual(['cleanup', `exit ${code}`]);
    }
  });

  it('gives the body a Ctrl-C signal: the first aborts it, the second cleans up and exits 130', async () => {
    const source = new FakeSignals();
    const events: string[] = [];
    let seen: AbortSignal | undefined;
    await runMain({ name: 'x', err: (l) => events.push(l.trim()), signals: source, cleanup: () => events.push('cleanup'), exit: (code) => events.push(`exit ${code}`) }, async ({ interruptSignal }) => {
      seen = interruptSignal('x: interrupted');
      source.press();
      expect(seen.aborted).toBe(true);
      source.press();
      await new Promise((r) => setImmediate(r));
      return EXIT.interrupted;
    });
    expect(events).toEqual(['x: interrupted', 'cleanup', 'exit 130', 'cleanup', 'exit 130']);
    expect(source.listeners).toBe(0);
  });
});

class FakeSignals implements SignalSource {
  private readonly emitter = new EventEmitter();
  on(event: 'SIGINT', listener: () => void) {
    this.emitter.on(event, listener);
  }
  off(event: 'SIGINT', listener: () => void) {
    this.emitter.off(event, listener);
  }
  press() {
    this.emitter.emit('SIGINT');
  }
  get listeners() {
    return this.emitter.listenerCount('SIGINT');
  }
}

describe('the Ctrl-C helper', () => {
  it('aborts on the first Ctrl-C, forces on the second, and stops listening when disposed', () => {
    const source = new FakeSignals();
    const said: string[] = [];
    let forced = 0;
    const interrupt = interruptSignal({ message: 'interrupted; Ctrl-C again to force', force: () => forced++, log: (l) => said.push(l), source });
    expect(interrupt.signal.aborted).toBe(false);
    source.press();
    expect(interrupt.signal.aborted).toBe(true);
    expect(forced).toBe(0);
    expect(said).toEqual(['\ninterrupted; Ctrl-C again to force']);
    source.press();
    expect(forced).toBe(1);
    interrupt.dispose();
    expect(source.listeners).toBe(0);
    source.press();
    expect(forced).toBe(1);
  });
});
