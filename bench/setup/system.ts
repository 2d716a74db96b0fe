/**
 * What the set-up step may do on this machine: run as root (directly or through
 * passwordless sudo) and install Debian packages with apt-get. Detected once per process;
 * the runner (run-setup.ts) takes it as a parameter so the no-root path is unit-tested.
 */
import { execFileSync, type ExecFileSyncOptions } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface SystemAccess {
  /** The process runs as uid 0. */
  root: boolean;
  /** `sudo -n true` succeeds: sudo without a password. */
  passwordlessSudo: boolean;
  /** apt-get is on the PATH (a Debian-like system). */
  aptGet: boolean;
}

/** Whether an executable of this name is on the PATH (no child process). */
export function onPath(command: string): boolean {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      // not here
    }
  }
  return false;
}

function sudoWorks(): boolean {
  if (!onPath('sudo')) return false;
  try {
    execFileSync('sudo', ['-n', 'true'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

let detected: SystemAccess | undefined;

export function detectSystemAccess(): SystemAccess {
  if (!detected) {
    const root = process.getuid?.() === 0;
    detected = { root, passwordlessSudo: !root && sudoWorks(), aptGet: onPath('apt-get') };
  }
  return detected;
}

export function canProvision(access: SystemAccess): boolean {
  return (access.root || access.passwordlessSudo) && access.aptGet;
}

/** Runs a command as root: directly as root, else through `sudo -n`. */
export function asRoot(command: string, args: string[], options: ExecFileSyncOptions = {}): string {
  const [file, argv] = detectSystemAccess().root ? [command, args] : ['sudo', ['-n', command, ...args]];
  return String(execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], ...options }));
}

/** Runs a command as another OS user (e.g. `postgres` for psql's peer authentication). */
export function asUser(user: string, command: string, args: string[], options: ExecFileSyncOptions = {}): string {
  const [file, argv] = detectSystemAccess().root ? ['runuser', ['-u', user, '--', command, ...args]] : ['sudo', ['-n', '-u', user, command, ...args]];
  return String(execFileSync(file, argv, { encoding: 'utf8', cwd: '/', stdio: ['ignore', 'pipe', 'inherit'], ...options }));
}

let aptUpdated = false;

/** `apt-get update` (once per process), then installs the packages without recommends. */
export function aptInstall(packages: readonly string[], log: (line: string) => void): void {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Another apt-get may hold the lock (unattended upgrades, a parallel set-up): wait for it.
  const lock = ['-o', 'DPkg::Lock::Timeout=300'];
  if (!aptUpdated) {
    log('apt-get update');
    asRoot('apt-get', [...lock, 'update', '-q'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    aptUpdated = true;
  }
  log(`apt-get install ${packages.join(' ')}`);
  asRoot('apt-get', [...lock, 'install', '-y', '-q', '--no-install-recommends', ...packages], { env, stdio: ['ignore', 'ignore', 'inherit'] });
}
