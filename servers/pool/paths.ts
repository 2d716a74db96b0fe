import { fileURLToPath } from 'node:url';

/** Absolute path of a compiled pool entry that sits beside this module. */
export function poolEntryPath(fileName: string): string {
  return fileURLToPath(new URL(`./${fileName}`, import.meta.url));
}
