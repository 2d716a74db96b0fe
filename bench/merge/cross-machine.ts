/**
 * Comparisons whose two sides were measured on different machines (hostname or CPU model
 * differ): runner-to-runner noise then dominates the difference. --shard never splits a
 * comparison group, so these appear only when files from different machines were merged
 * by hand, or segments of one load ran on different generator hosts.
 */
import type { ResultsFile } from '../types.js';

export interface CrossMachineComparison {
  claimId: string;
  label: string;
  a: string;
  b: string;
  aMachines: string[];
  bMachines: string[];
}

interface ComparisonLike {
  claimId?: unknown;
  label?: unknown;
  a?: unknown;
  b?: unknown;
}

export function crossMachineComparisons(results: ResultsFile): CrossMachineComparison[] {
  const machines = results.merged?.machinesByScenario;
  if (!machines) return [];
  const flagged: CrossMachineComparison[] = [];
  for (const raw of (results.comparisons ?? []) as ComparisonLike[]) {
    if (typeof raw.a !== 'string' || typeof raw.b !== 'string') continue;
    const aMachines = machines[raw.a];
    const bMachines = machines[raw.b];
    // `b` may be a constant (`constant 2.0`): no machine, nothing to flag.
    if (!aMachines || !bMachines) continue;
    if (aMachines.join('\n') === bMachines.join('\n')) continue;
    flagged.push({ claimId: String(raw.claimId ?? ''), label: String(raw.label ?? ''), a: raw.a, b: raw.b, aMachines, bMachines });
  }
  return flagged;
}
