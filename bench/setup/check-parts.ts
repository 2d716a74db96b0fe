/** Which of these parts are missing now (checks only; changes nothing). */
import type { SetupPart } from './types.js';

export interface MissingPart {
  part: SetupPart;
  problem: string;
}

export async function checkParts(parts: readonly SetupPart[]): Promise<MissingPart[]> {
  const missing: MissingPart[] = [];
  for (const part of parts) {
    const check = await part.check();
    if (!check.ok) missing.push({ part, problem: check.problem ?? 'not ready' });
  }
  return missing;
}
