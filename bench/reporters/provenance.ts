/**
 * "How these results were produced", for summary.md and index.html: shard / segment,
 * runner and host of the file or of every merged input, what is missing, the merge's
 * caveats, and every comparison whose sides ran on different machines
 * (bench/merge/cross-machine.ts). Nothing for a plain run.
 */
import { crossMachineComparisons } from '../merge/cross-machine.js';
import type { ResultsFile } from '../types.js';

export interface Provenance {
  intro: string;
  /** One line per input (merged) or none. */
  inputs: string[];
  /** Missing parts, in words (merged with --allow-partial). */
  missing?: string;
  notes: string[];
  /** Comparisons across machines, one line each. */
  crossMachine: string[];
}

function part(p: { shard?: { shard: number; of: number }; segment?: { segment: number; of: number } }): string {
  return [p.shard ? `shard ${p.shard.shard}/${p.shard.of}` : '', p.segment ? `segment ${p.segment.segment}/${p.segment.of}` : ''].filter(Boolean).join(', ') || 'whole plan';
}

export function provenanceOf(results: ResultsFile): Provenance | undefined {
  const m = results.merged;
  if (m) {
    return {
      intro: `Merged from ${m.inputs.length} ${m.kind} by npm run merge (${m.mergedAt}):`,
      inputs: m.inputs.map((i) => `${part(i)}: run ${i.runId} on ${i.hostname} (${i.cpuModel})${i.runner ? `, ${i.runner}` : ''}, ${i.status}, ${i.scenarioIds.length} scenarios`),
      ...(m.missing.length > 0 ? { missing: `Missing: ${m.missing.join(', ')} (merged with --allow-partial): their scenarios are absent.` } : {}),
      notes: m.notes,
      crossMachine: crossMachineComparisons(results).map((c) => `${c.claimId} ${c.label}: ${c.a} on ${c.aMachines.join(' + ')} vs ${c.b} on ${c.bMachines.join(' + ')}`),
    };
  }
  if (!results.sharding && !results.segment) return undefined;
  const p = results.producedBy;
  const which = part({ ...(results.sharding ? { shard: { shard: results.sharding.shard, of: results.sharding.of } } : {}), ...(results.segment ? { segment: results.segment } : {}) });
  const plan = results.sharding ? ` of plan ${results.sharding.planHash}` : '';
  const where = p ? `, on ${p.hostname} (${p.cpuModel})${p.runner ? `, ${p.runner}` : ''}` : '';
  return { intro: `This file is ${which}${plan}${where}: merge every part with npm run merge before reading verdicts.`, inputs: [], notes: [], crossMachine: [] };
}

export const CROSS_MACHINE_HEADING = 'Comparisons across machines';
export const CROSS_MACHINE_TEXT = "The two sides of these comparisons ran on different machines: the difference includes the machines' own.";

/** summary.md's section (empty for a plain run). */
export function provenanceLines(results: ResultsFile): string[] {
  const p = provenanceOf(results);
  if (!p) return [];
  const out = ['## How these results were produced', '', p.intro, ''];
  if (p.inputs.length > 0) out.push(...p.inputs.map((line) => `- ${line}`), '');
  if (p.missing) out.push(`> **⚠ ${p.missing}**`, '');
  if (p.notes.length > 0) out.push(...p.notes.map((n) => `- Note: ${n}`), '');
  if (p.crossMachine.length > 0) out.push(`### ⚠ ${CROSS_MACHINE_HEADING}`, '', CROSS_MACHINE_TEXT, '', ...p.crossMachine.map((line) => `- ${line}`), '');
  return out;
}
