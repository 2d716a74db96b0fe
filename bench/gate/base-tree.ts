/**
 * The base side of `npm run compare`: resolve a git ref, check it out in a temporary
 * worktree (detached), give it dependencies (a symlink to ours when package-lock.json is
 * byte-identical, `npm ci` otherwise) and build it, so the base runs its own code.
 * Removal is idempotent and synchronous, so it also runs from an 'exit' handler.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { LoopbenchError, UsageError } from '../errors.js';

export interface BaseTree {
  ref: string;
  commit: string;
  dir: string;
  /** How node_modules was provided, for the output. */
  deps: 'symlink' | 'npm ci';
  remove(): void;
}

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** `git rev-parse --verify <ref>^{commit}`; an unknown ref is a usage error (exit 2). */
export function resolveCommit(repoDir: string, ref: string): string {
  if (ref.trim() === '' || ref.startsWith('-')) throw new UsageError(`--base must be a git ref (branch, tag, commit, HEAD~1); got '${ref}'`);
  try {
    return git(repoDir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new UsageError(`--base: unknown git ref '${ref}' (git rev-parse --verify '${ref}^{commit}' found no commit in ${repoDir})`);
  }
}

function sameFile(a: string, b: string): boolean {
  return existsSync(a) && existsSync(b) && readFileSync(a).equals(readFileSync(b));
}

function run(cmd: string, args: string[], cwd: string, what: string, log: NodeJS.WritableStream): void {
  log.write(`compare: ${what}: ${cmd} ${args.join(' ')} (in ${cwd})\n`);
  const result = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    throw new LoopbenchError('E_HARNESS', `${what} failed (${cmd} ${args.join(' ')} exited ${result.status ?? result.signal}) in ${cwd}`);
  }
}

export function prepareBaseTree(repoDir: string, ref: string, log: NodeJS.WritableStream = process.stderr): BaseTree {
  const commit = resolveCommit(repoDir, ref);
  git(repoDir, ['worktree', 'prune']);
  const dir = mkdtempSync(join(os.tmpdir(), 'loopbench-base-'));
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    try {
      git(repoDir, ['worktree', 'remove', '--force', dir]);
    } catch {
      // not (or no longer) a worktree: the folder alone is left to delete
    }
    rmSync(dir, { recursive: true, force: true });
    try {
      git(repoDir, ['worktree', 'prune']);
    } catch {
      // best effort
    }
    log.write(`compare: removed the base worktree ${dir}\n`);
  };
  try {
    git(repoDir, ['worktree', 'add', '--detach', dir, commit]);
    log.write(`compare: base ${ref} = ${commit.slice(0, 12)} checked out in ${dir}\n`);
    let deps: BaseTree['deps'];
    if (sameFile(join(repoDir, 'package-lock.json'), join(dir, 'package-lock.json')) && existsSync(join(repoDir, 'node_modules'))) {
      symlinkSync(realpathSync(join(repoDir, 'node_modules')), join(dir, 'node_modules'), 'dir');
      deps = 'symlink';
      log.write(`compare: node_modules: symlinked to the current tree's (package-lock.json identical)\n`);
    } else {
      log.write(`compare: node_modules: package-lock.json differs, running npm ci in the base tree\n`);
      run('npm', ['ci', '--no-audit', '--no-fund'], dir, 'npm ci of the base', log);
      deps = 'npm ci';
    }
    run(process.execPath, [join(dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], dir, 'build of the base', log);
    return { ref, commit, dir, deps, remove };
  } catch (error) {
    remove();
    throw error;
  }
}
