/**
 * summary.md's "How these results were produced": shard / segment, runner and host of the
 * file or of every merged input, the merge's caveats, and every comparison whose sides
 * ran on different machines (bench/merge/cross-machine.ts). Nothing for a plain run.
 */
import { crossMachineComparisons } from '../merge/cross-machine.js';
import type { ResultsFile } from '../types.js';

function part(p: { shard?: { shard: number; of: number }; segment?: { segment: number; of: number } }): string {
  return [p.shard ? `shard ${p.shard.shard}/${p.shard.of}` : '', p.segment ? `segment ${p.segment.segment}/${p.segment.of}` : ''].filter(Boolean).join(', ') || 'whole plan';
}

export function provenanceLines(results: ResultsFile): string[] {
  const out: string[] = [];
  if (results.merged) {
    const m = results.merged;
    out.push('## How these results were produced', '', `Merged from ${m.inputs.length} ${m.kind} by \`npm run merge\` (${m.mergedAt}):`, '');
    for (const input of m.inputs) {
      out.push(`- ${part(input)}: run \`${input.runId}\` on ${input.hostname} (${input.cpuModel})${input.runner ? `, ${input.runner}` : ''}, ${input.status}, ${input.scenarioIds.length} scenarios`);
    }
    out.push('');
    if (m.missing.length > 0) out.push(`> **⚠ Missing:** ${m.missing.join(', ')} (merged with --allow-partial): their scenarios are absent.`, '');
    for (const note of m.notes) out.push(`- Note: ${note}`);
    if (m.notes.length > 0) out.push('');
    const cross = crossMachineComparisons(results);
    if (cross.length > 0) {
      out.push('### ⚠ Comparisons across machines', '', 'The two sides of these comparisons ran on different machines: the difference includes the machines\' own.', '');
      for (const c of cross) out.push(`- ${c.claimId} ${c.label}: \`${c.a}\` on ${c.aMachines.join(' + ')} vs \`${c.b}\` on ${c.bMachines.join(' + ')}`);
      out.push('');
    }
    return out;
  }
  if (results.sharding || results.segment) {
    const p = results.producedBy;
    const which = part({ ...(results.sharding ? { shard: { shard: results.sharding.shard, of: results.sharding.of } } : {}), ...(results.segment ? { segment: results.segment } : {}) });
    out.push('## How these results were produced', '', `This file is ${which} of plan ${results.sharding?.planHash ?? ''}${p ? `, on ${p.hostname} (${p.cpuModel})${p.runner ? `, ${p.runner}` : ''}` : ''}: merge every part with \`npm run merge\` before reading verdicts.`, '');
  }
  return out;
}
