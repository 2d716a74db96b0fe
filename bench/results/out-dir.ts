/**
 * `--out DIR` checked before any load: the folder, or the nearest of its parents that
 * exists, must be a writable folder. Checked by hand, parent by parent, before any mkdir:
 * Node's recursive mkdir under a regular file ends in a raw ENOTDIR, and under /proc it
 * loops forever. Pseudo file systems (/proc, /sys, /dev) are refused outright.
 */
import { lstatSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';

const PSEUDO_FILE_SYSTEMS = ['/proc', '/sys', '/dev'];

function existing(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      // A dangling symlink is not a missing folder: mkdir would fail on it.
      try {
        lstatSync(path);
        throw new UsageError(`--out: ${path} is a broken symbolic link; remove it or choose another folder`);
      } catch (inner) {
        if (inner instanceof UsageError) throw inner;
        return undefined;
      }
    }
    if (code === 'ENOTDIR') return undefined; // reported by the caller, which finds the file above
    throw new UsageError(`--out: cannot look at ${path} (${code ?? (error as Error).message})`);
  }
}

/** Throws a UsageError (exit 2) naming what is wrong with `--out`, or returns the absolute folder. */
export function checkOutDir(
  outDir: string,
  { flag = '--out', writeProbe = (file: string) => writeFileSync(file, '') }: { flag?: string; writeProbe?: (file: string) => void } = {},
): string {
  const absolute = resolve(outDir);
  const pseudo = PSEUDO_FILE_SYSTEMS.find((root) => absolute === root || absolute.startsWith(root + sep));
  if (pseudo) throw new UsageError(`${flag}: ${absolute} is under ${pseudo}, a kernel pseudo file system, not a place for reports; choose another folder (default: reports)`);
  // Walk up to the nearest existing ancestor; every existing one must be a folder.
  let path = absolute;
  let stats = existing(path);
  while (!stats) {
    const parent = dirname(path);
    if (parent === path) throw new UsageError(`${flag}: no part of ${absolute} exists`);
    path = parent;
    stats = existing(path);
  }
  if (!stats.isDirectory()) {
    throw new UsageError(
      path === absolute
        ? `${flag}: ${absolute} is a file, not a folder; choose a folder (it is created if missing)`
        : `${flag}: ${absolute} cannot be created: ${path} is a file, not a folder`,
    );
  }
  // Writable? Ask the file system itself (permissions, read-only mounts, ACLs), with a temp file.
  const probe = join(path, `.loopbench-write-check-${process.pid}-${Date.now()}`);
  try {
    writeProbe(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`${flag}: ${absolute} cannot be written: ${path === absolute ? 'the folder' : `its parent ${path}`} is not writable (${code}); choose another folder`);
  } finally {
    rmSync(probe, { force: true });
  }
  return absolute;
}
