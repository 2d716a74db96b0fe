/**
 * `npm run compare -- --base <ref>`: the rigorous mode, as Node.js core compares two
 * builds. The base ref is checked out and built in a temporary worktree; then base (A)
 * and current (B) run interleaved, A B A B ..., N times each, every run a fresh
 * `dist/bench/cli.js --repetitions 1` of that tree's own code (so fresh server
 * processes). Per metric: ratio current/base with its 95% CI, one-sided Welch p,
 * tolerance (practical band or noise), Holm–Bonferroni over the metrics: the gate's rule
 * (decide.ts). Exit codes as for the gate. The worktree is removed at the end, on error
 * and on Ctrl-C.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { packageRoot } from '../paths.js';
import { newRunId } from '../results/run-store.js';
import { LoopbenchError } from '../errors.js';
import type { ResultsFile } from '../types.js';
import { prepareBaseTree, type BaseTree } from './base-tree.js';
import type { CompareOptions } from './compare-options.js';
import { decideGate } from './decide.js';
import { readResultsFile, resultsProblems } from './inputs.js';
import { extractMetrics, mergeMetrics } from './metrics.js';
import { writeGateOutputs } from './outputs/index.js';
import { markdownSummary } from './outputs/markdown.js';
import { exitCodeOf, latencyInfo, type GateReport } from './report.js';

type Side = 'base' | 'current';

/** Suites a tree's CLI offers, read from its --help (the base may predate a suite). */
async function suitesOf(treeDir: string): Promise<string> {
  let text = '';
  await invoke(treeDir, ['--help'], () => {}, (chunk) => (text += chunk));
  return text;
}

/**
 * Runs a tree's own CLI. On abort the child gets SIGINT (as from a terminal's Ctrl-C, which
 * reaches it anyway): it stops its servers and writes what it measured.
 */
function invoke(treeDir: string, args: string[], onLine: (line: string) => void, onStdout: (chunk: string) => void = () => {}, signal?: AbortSignal): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(treeDir, 'dist', 'bench', 'cli.js'), ...args], { cwd: treeDir, stdio: ['ignore', 'pipe', 'pipe'] });
    const onAbort = () => child.kill('SIGINT');
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => onStdout(chunk.toString()));
    createInterface({ input: child.stderr }).on('line', onLine);
    child.on('error', reject);
    child.on('close', (code, sig) => {
      signal?.removeEventListener('abort', onAbort);
      resolvePromise(code ?? (sig === 'SIGINT' ? 130 : 1));
    });
  });
}

async function chooseSuite(opts: CompareOptions, base: BaseTree, notes: string[]): Promise<string> {
  const help = await suitesOf(base.dir);
  const offers = (name: string) => new RegExp(`--suite NAME\\s+[^\\n]*\\b${name}\\b`).test(help);
  if (offers(opts.suite)) return opts.suite;
  if (opts.suiteExplicit) throw new LoopbenchError('E_HARNESS', `the base ${base.ref} has no suite '${opts.suite}'; pick one both trees have (--suite)`);
  if (!offers('quick')) throw new LoopbenchError('E_HARNESS', `the base ${base.ref} offers neither suite '${opts.suite}' nor 'quick'`);
  notes.push(`the base ${base.ref} has no suite '${opts.suite}': both sides run 'quick' instead (choose with --suite / --filter)`);
  return 'quick';
}

export async function compareRefs(opts: CompareOptions, signal: AbortSignal, out: NodeJS.WritableStream = process.stdout, log: NodeJS.WritableStream = process.stderr): Promise<number> {
  const currentDir = packageRoot();
  const base = prepareBaseTree(currentDir, opts.base, log);
  const cleanup = () => base.remove();
  process.once('exit', cleanup);
  try {
    const notes = [`base node_modules: ${base.deps === 'symlink' ? 'symlinked (package-lock.json identical)' : 'npm ci (package-lock.json differs)'}`];
    const suite = await chooseSuite(opts, base, notes);
    const runsDir = resolve(opts.outDir, 'compare', newRunId());
    const files: Record<Side, ResultsFile[]> = { base: [], current: [] };
    const errors: string[] = [];
    const total = opts.runs * 2;
    let done = 0;
    for (let i = 1; i <= opts.runs && !signal.aborted; i++) {
      for (const side of ['base', 'current'] as const) {
        if (signal.aborted) break;
        const tree = side === 'base' ? base.dir : currentDir;
        const dir = join(runsDir, `${side}-${i}`);
        const args = ['--suite', suite, '--repetitions', '1', '--out', dir, ...opts.benchArgs];
        log.write(`compare: [${++done}/${total}] ${side} run ${i}/${opts.runs}\n`);
        const code = await invoke(tree, args, (line) => log.write(`  ${side.padEnd(7)}| ${line}\n`), undefined, signal);
        if (signal.aborted) break;
        if (code !== 0) errors.push(`${side} run ${i} exited ${code} (see ${dir})`);
        try {
          files[side].push(readResultsFile(join(dir, 'latest', 'results.json')));
        } catch (error) {
          errors.push(`${side} run ${i}: ${(error as Error).message}`);
        }
      }
    }
    if (signal.aborted) return 130;
    const warnings: string[] = [];
    for (const side of ['base', 'current'] as const) {
      files[side].forEach((r, i) => {
        const p = resultsProblems(r, `${side} run ${i + 1}`);
        errors.push(...p.errors);
        warnings.push(...p.warnings);
      });
    }
    // One machine: every run's cpu efficiencies in the first base run's calibration units,
    // so the calibration's own run-to-run error is not counted as noise (metrics.ts).
    const referenceCalibration = files.base[0]?.calibration;
    const extract = (r: ResultsFile) => extractMetrics(r, referenceCalibration ? { referenceCalibration } : {});
    const decision = decideGate(mergeMetrics(files.base.map(extract)), mergeMetrics(files.current.map(extract)), { practicalBand: opts.practicalBand });
    decision.errors.push(...errors);
    decision.warnings.push(...warnings);
    if (decision.errors.length > 0) decision.outcome = 'error';
    const report: GateReport = {
      title: 'loopbench compare',
      suite,
      baselineLabel: `base ${opts.base} (${base.commit.slice(0, 12)}, ${files.base.length} runs)`,
      baselineName: 'base',
      currentLabel: `current tree ${currentDir} (${files.current[0]?.machine.gitCommit?.slice(0, 12) ?? 'unknown commit'}, ${files.current.length} runs)`,
      decision,
      strict: opts.strict,
      info: latencyInfo(files.current),
      notes: [...notes, `runs interleaved A B A B, each a fresh \`cli.js --repetitions 1\` of its own tree; raw runs in ${runsDir}`],
    };
    const written = writeGateOutputs(report, join(opts.outDir, 'compare'));
    out.write(`\n${markdownSummary(report)}\noutputs: ${written.join(', ')}\n`);
    return exitCodeOf(decision.outcome, opts.strict);
  } finally {
    process.off('exit', cleanup);
    cleanup();
  }
}
