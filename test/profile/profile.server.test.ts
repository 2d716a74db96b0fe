import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseProfileArgs, profileStrategyNames } from '../../bench/tools/profile/args.js';
import { findClinicHtml, profileBaseName } from '../../bench/tools/profile/report-file.js';
import { profileToolNames } from '../../bench/tools/profile/tools.js';
import { workloadNames } from '../../servers/workloads/index.js';
import { usageErrorOf } from '../cli-kit/usage-error.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const profileCli = join(repoRoot, 'dist/scripts/profile.js');
const serveEntry = join(repoRoot, 'dist/servers/serve.js');

function requireBuild(): void {
  if (!existsSync(profileCli)) throw new Error(`${profileCli} is missing: run \`npx tsc -p .\` (or \`npm test\`) first`);
}

const usageMessage = (argv: string[]): string => usageErrorOf(parseProfileArgs, argv);

/** Live processes started from this checkout's server entry (clinic's command line names it too). */
function leftoverProcesses(): string[] {
  const marker = join(repoRoot, 'dist/servers/');
  const found: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
      const state = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.[0];
      if (cmdline.includes(marker) && state !== 'Z') found.push(`${entry} ${cmdline.slice(0, 160)}`);
    } catch {
      // gone while we looked
    }
  }
  return found;
}

interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

function runCli(args: string[], timeoutMs: number): Promise<CliRun> {
  const startedMs = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [profileCli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGINT'); // the CLI's own cleanup: a second one kills clinic's group
      setTimeout(() => child.kill('SIGINT'), 2000).unref();
      reject(new Error(`profile did not finish within ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, seconds: (performance.now() - startedMs) / 1000 });
    });
  });
}

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'loopbench-profile-test-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('profile arguments', () => {
  it('has defaults: doctor, 50 connections, 10 s, the workload default parameters', () => {
    const options = parseProfileArgs(['--strategy', 'blocking', '--workload', 'cpu']);
    expect(options).toMatchObject({ strategy: 'blocking', workload: 'cpu', tool: 'doctor', connections: 50, durationS: 10, params: { cpuMs: 20 } });
    expect(options.outDir).toBeUndefined();
  });

  it('takes every flag, and --param values typed and checked against the workload', () => {
    const options = parseProfileArgs([
      ...['--strategy', 'async', '--workload', 'cpu', '--tool', 'flame', '--connections', '8', '--duration', '2.5'],
      ...['--param', 'cpuMs=5', '--param', 'cpuIterations=1000', '--out', '/tmp/x'],
    ]);
    expect(options).toMatchObject({ tool: 'flame', connections: 8, durationS: 2.5, params: { cpuMs: 5, cpuIterations: 1000 }, outDir: '/tmp/x' });
    expect(parseProfileArgs(['--strategy', 'blocking', '--workload', 'sleep', '--param', 'sleepMs=7']).params).toEqual({ sleepMs: 7 });
  });

  it('rejects an unknown or missing strategy, workload or tool, naming the flag and the allowed values', () => {
    const cases: [string[], string, readonly string[]][] = [
      [['--strategy', 'bogus', '--workload', 'cpu'], '--strategy', profileStrategyNames],
      [['--workload', 'cpu'], '--strategy', profileStrategyNames],
      [['--strategy', 'blocking', '--workload', 'disk'], '--workload', workloadNames],
      [['--strategy', 'blocking'], '--workload', workloadNames],
      [['--strategy', 'blocking', '--workload', 'cpu', '--tool', 'heapprofiler'], '--tool', profileToolNames],
    ];
    for (const [argv, flag, allowed] of cases) {
      const message = usageMessage(argv);
      expect(message).toContain(flag);
      for (const name of allowed) expect(message).toContain(name);
    }
  });

  it('refuses cluster and the tool/strategy pairs clinic cannot profile, saying what can', () => {
    expect(usageMessage(['--strategy', 'cluster', '--workload', 'cpu'])).toMatch(/cluster.*allowed: blocking, async, worker-threads, child-process/);
    expect(usageMessage(['--strategy', 'worker-threads', '--workload', 'cpu'])).toMatch(/--tool doctor cannot profile --strategy worker-threads.*flame, bubbleprof/);
    expect(usageMessage(['--strategy', 'child-process', '--workload', 'cpu', '--tool', 'flame'])).toMatch(/--tool flame cannot profile --strategy child-process.*doctor, bubbleprof/);
  });

  it('rejects bad numbers with the flag and the rule', () => {
    const base = ['--strategy', 'blocking', '--workload', 'cpu'];
    for (const value of ['0', '-1', 'abc', '', '2.5', '10001']) {
      expect(usageMessage([...base, '--connections', value])).toContain(`--connections must be an integer > 0 and <= 10000; got '${value}'`);
    }
    for (const value of ['0', '-3', 'NaN', 'Infinity', '3601']) {
      expect(usageMessage([...base, '--duration', value])).toContain(`--duration must be a number of seconds > 0 and <= 3600; got '${value}'`);
    }
  });

  it('rejects unknown parameters, malformed --param and out-of-range values', () => {
    const base = ['--strategy', 'blocking', '--workload', 'cpu'];
    expect(usageMessage([...base, '--param', 'sleepMs=5'])).toContain("unknown parameter 'sleepMs' for workload cpu; allowed: cpuMs, cpuIterations");
    expect(usageMessage([...base, '--param', 'cpuMs'])).toContain('--param must be KEY=VALUE');
    expect(usageMessage([...base, '--param', 'cpuMs=0'])).toContain('--param cpuMs must be a number >= 0.1 and <= 10000');
    expect(usageMessage([...base, '--param', 'cpuIterations=1.5'])).toContain('--param cpuIterations must be an integer');
    expect(usageMessage(['--strategy', 'blocking', '--workload', 'noop', '--param', 'x=1'])).toContain('allowed: (none)');
    expect(usageMessage([...base, '--out', ' '])).toContain('--out');
    expect(usageMessage([...base, '--verbose'])).toContain("Unknown option '--verbose'");
  });
});

describe('profile report files', () => {
  it('names the HTML <strategy>-<workload>-<tool>-<timestamp>', () => {
    expect(profileBaseName('blocking', 'cpu', 'doctor', new Date('2025-03-04T05:06:07.890Z'))).toBe('blocking-cpu-doctor-2025-03-04T05-06-07Z');
  });

  it("finds clinic's HTML when it was not announced, ignoring empty files and other tools", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, '123.clinic-doctor'));
    writeFileSync(join(dir, '122.clinic-doctor.html'), '');
    writeFileSync(join(dir, '124.clinic-flame.html'), '<html>');
    writeFileSync(join(dir, '123.clinic-doctor.html'), '<html>');
    expect(await findClinicHtml(dir, 'doctor')).toBe(join(dir, '123.clinic-doctor.html'));
    expect(await findClinicHtml(dir, 'bubbleprof')).toBeUndefined();
    expect(await findClinicHtml(join(dir, 'missing'), 'doctor')).toBeUndefined();
  });
});

describe('servers/serve.js without an IPC channel', () => {
  it('prints one LOOPBENCH_READY line, serves, and exits 0 on SIGINT', async () => {
    requireBuild();
    const config = { strategy: 'blocking', workload: 'noop', params: {}, poolSize: 1, host: '127.0.0.1' };
    const child = spawn(process.execPath, [serveEntry, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ready line: ${stdout}`)), 15_000);
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString('utf8');
          const match = /^LOOPBENCH_READY (http:\/\/127\.0\.0\.1:\d+)\n/m.exec(stdout);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
      });
      const body = await (await fetch(`${url}/work?id=7`)).json();
      expect(body).toEqual({ workload: 'noop', id: 7, value: 7 });
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(stdout).toBe(`LOOPBENCH_READY ${url}\n`);
    } finally {
      child.kill('SIGKILL');
    }
  });
});

describe('node dist/scripts/profile.js', () => {
  it('exits 2 on bad input and starts nothing', async () => {
    requireBuild();
    const out = join(tempDir(), 'profiles');
    const run = await runCli(['--strategy', 'blockin', '--workload', 'cpu', '--out', out], 20_000);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("--strategy: unknown strategy 'blockin'; allowed: blocking, async, worker-threads, child-process");
    expect(run.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
    const badNumber = await runCli(['--strategy', 'blocking', '--workload', 'cpu', '--duration', 'soon', '--out', out], 20_000);
    expect(badNumber.status).toBe(2);
    expect(badNumber.stderr).toContain("--duration must be a number of seconds > 0 and <= 3600; got 'soon'");
    expect(existsSync(out)).toBe(false);
  });

  // Real clinic doctor on the blocking server under cpu load: ~15 s here (3 s of load,
  // ~1.5 s start, 5-10 s of clinic analysis).
  it(
    'profiles blocking/cpu with clinic doctor: writes a real HTML report, prints its path, leaves no process',
    async () => {
      requireBuild();
      const out = join(tempDir(), 'profiles');
      const run = await runCli(['--strategy', 'blocking', '--workload', 'cpu', '--tool', 'doctor', '--duration', '3', '--connections', '10', '--out', out], 100_000);
      expect(run.status, run.stderr).toBe(0);
      const htmlPath = run.stdout.trim();
      expect(htmlPath.startsWith(out + '/')).toBe(true);
      expect(basename(htmlPath)).toMatch(/^blocking-cpu-doctor-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.html$/);
      expect(statSync(htmlPath).size).toBeGreaterThan(100_000);
      const html = readFileSync(htmlPath, 'utf8');
      expect(html.slice(0, 200)).toMatch(/^\s*<!DOCTYPE html>/i);
      // clinic's signature line, appended after the analysis; the analysed samples are embedded.
      expect(html.slice(-400)).toMatch(/<!-- \{"tool":"doctor","toolVersion":"[\d.]+","hash":"[0-9a-f]+"\} -->\s*$/);
      expect(/"analysis": \{"interval":\[\d+,\d+\],"issues":\{"delay":"\w+","cpu":"\w+"/.test(html)).toBe(true);
      expect(run.stderr).toMatch(/load: \d+ requests in [\d.]+ s/);
      expect(run.stderr).not.toMatch(/wrong bodies [1-9]/);
      expect(readdirSync(out)).toEqual([basename(htmlPath)]);
      expect(leftoverProcesses()).toEqual([]);
    },
    120_000,
  );
});
