import { describe, expect, it } from 'vitest';
import { baselineFrom } from '../../bench/gate/baseline.js';
import { gateReport } from '../../bench/gate/baseline-gate.js';
import { extractMetrics } from '../../bench/gate/metrics.js';
import { typicalResults } from './fixture.js';

const opts = { baselinePath: 'baseline.json', strict: false, practicalBand: 0.05 };

describe('CPU calibration drift between baseline and current', () => {
  it('scales only calibrated (cpu) efficiencies by reference / own calibration', () => {
    const results = typicalResults({ nsPerIteration: 200 });
    const own = extractMetrics(results);
    const scaled = extractMetrics(results, { referenceCalibration: { nsPerIteration: 220, measuredAt: '' } });
    for (const [i, m] of own.metrics.entries()) {
      const factor = m.kind === 'efficiency' && m.scenarioId.startsWith('cpu/') ? 1.1 : 1;
      m.samples.forEach((x, j) => expect(scaled.metrics[i]!.samples[j]).toBeCloseTo(x * factor, 12));
    }
  });

  it('does not read a calibration that came out 12% slow in the baseline session as a regression (same CPU)', () => {
    // Baseline: calibration 12% high, so each cpu request was 12% cheaper and its efficiency 12% higher.
    const baseline = baselineFrom(typicalResults({ nsPerIteration: 224, cpuScale: 1.12 }));
    const current = typicalResults({ nsPerIteration: 200 });
    const report = gateReport(baseline, current, opts);
    expect(report.decision.outcome).toBe('pass');
    expect(report.notes.join(' ')).toMatch(/CPU calibration 200\.0 vs 224\.0 ns\/iteration \(-10\.7%\): this run's cpu efficiencies are expressed in the baseline's calibration/);
  });

  it('still catches a slower cpu workload that a fresh calibration would have absorbed', () => {
    // The work got 15% slower: calibration says 230 instead of 200, so each request does 15% fewer
    // iterations and the run's own efficiency looks unchanged; in the baseline's units it dropped.
    const baseline = baselineFrom(typicalResults({ nsPerIteration: 200 }));
    const report = gateReport(baseline, typicalResults({ nsPerIteration: 230 }), opts);
    expect(report.decision.metrics.find((m) => m.name === 'cpu/blocking/c8 efficiency')!.state).toBe('regression');
  });

  it('keeps each run its own calibration on another CPU model', () => {
    const baseline = baselineFrom(typicalResults({ nsPerIteration: 300 }));
    const current = typicalResults({ nsPerIteration: 200 });
    current.machine.cpuModel = 'another CPU';
    const report = gateReport(baseline, current, opts);
    expect(report.decision.outcome).toBe('pass');
    expect(report.notes.join(' ')).toMatch(/on another CPU model: cpu efficiencies use each run's own calibration/);
  });
});
