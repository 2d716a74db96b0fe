/**
 * Prints how stable the parallel verdicts (C6, C10, C11) are, by simulation with canned
 * noise (bench/claims/stability-simulation.ts; no load, no server):
 *   node dist/scripts/verdict-stability.js [pairs]
 * For each world and noise model: the share of runs decided, the share of pairs of
 * independent runs that agree, the verdicts; then the false-decision rates of the
 * threshold checks on A/A pairs and at the threshold, and the replaced C6 rule.
 */
import {
  AT_GAIN_EDGE,
  IDLE_TWO_CORES,
  NO_EFFECT,
  oldC6Stability,
  ONE_CORE_BUSY,
  thresholdCheckDecisions,
  verdictStability,
  type NoiseModel,
  type World,
} from '../bench/claims/stability-simulation.js';

const pairs = Number(process.argv[2] ?? 200);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

const models: Record<string, NoiseModel> = {
  '10% run-to-run CV': { runCv: 0.1, coresCv: 0.02, controlCv: 0.03 },
  '10% CV + half speed for 20% of the run in half the runs': { runCv: 0.1, coresCv: 0.02, controlCv: 0.03, slowSpell: { probability: 0.5, share: 0.2, speed: 0.5 } },
  '15% CV': { runCv: 0.15, coresCv: 0.02, controlCv: 0.03 },
};

function table(world: World, modelName: string, model: NoiseModel): void {
  process.stdout.write(`\n### ${world.name}, ${modelName} (${pairs} pairs of runs)\n\n| claim | runtime | decided | repeat agreement | verdicts |\n|---|---|---|---|---|\n`);
  for (const s of verdictStability(world, model, pairs)) {
    const verdicts = Object.entries(s.verdicts)
      .sort((a, b) => b[1] - a[1])
      .map(([v, share]) => `${v} ${pct(share)}`)
      .join(', ');
    process.stdout.write(`| ${s.claim} | ${s.runtime} | ${pct(s.decided)} | ${pct(s.agreement)} | ${verdicts} |\n`);
  }
}

for (const [name, model] of Object.entries(models)) table(IDLE_TWO_CORES, name, model);
table(ONE_CORE_BUSY, '10% run-to-run CV', models['10% run-to-run CV']!);
table(NO_EFFECT, '10% run-to-run CV', models['10% run-to-run CV']!);

process.stdout.write('\n### the one-sided checks of C6, C10, C11 against the truth (false: decided on the wrong side of the threshold, or at all when the truth is on it)\n\n| world | noise | checks | decided | false decisions |\n|---|---|---|---|---|\n');
for (const [name, model] of Object.entries(models)) {
  for (const world of [IDLE_TWO_CORES, NO_EFFECT, AT_GAIN_EDGE]) {
    const d = thresholdCheckDecisions(world, model, pairs);
    process.stdout.write(`| ${world.name} | ${name} | ${d.checks} | ${pct(d.decided)} | ${pct(d.falseDecisions)} |\n`);
  }
}

process.stdout.write('\n### the replaced C6 rule (two-sided 95% CI ≥ 1 + (K − 1)/2, Holm), Node.js, idle 2 cores\n\n| noise | decided | repeat agreement |\n|---|---|---|\n');
for (const [name, model] of Object.entries(models)) {
  const old = oldC6Stability(IDLE_TWO_CORES, model, pairs);
  process.stdout.write(`| ${name} | ${pct(old.decided)} | ${pct(old.agreement)} |\n`);
}
