/**
 * One generator thread of `--threads N` (generator-threads.ts): runs its share of an open-
 * or closed-model load on its own event loop and posts its figures back. 'abort' from the
 * main thread stops it as Ctrl-C stops a single-thread driver.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkFromSpec, type ThreadJob, type ThreadMessage, type ToThread } from './generator-threads.js';
import { runLeanClosedLoad } from '../lean/closed.js';
import { runOpenModelShard } from '../open-model/driver.js';

const job = workerData as ThreadJob;
const abort = new AbortController();
const post = (message: ThreadMessage) => parentPort!.postMessage(message);
let startAtEpochMs = 0;
let onStart: () => void = () => undefined;
const started = new Promise<void>((resolve) => (onStart = resolve));
parentPort!.on('message', (message: ToThread) => {
  if (message.type === 'abort') {
    abort.abort();
    onStart();
  } else if (message.type === 'start') {
    startAtEpochMs = message.startAtEpochMs;
    onStart();
  }
});
post({ type: 'ready' });

async function main(): Promise<void> {
  await started;
  const { check, expectedBody } = checkFromSpec(job.check);
  if (job.kind === 'open') {
    let firstWrong: string | undefined;
    const result = await runOpenModelShard({
      ...job.options,
      // The shared start, from the absolute clock to this thread's performance.now().
      startAtMs: startAtEpochMs - performance.timeOrigin,
      ...(expectedBody ? { expectedBody } : {}),
      validate: (status, body, id) => {
        const problem = check(status, body, id);
        if (problem) firstWrong ??= problem;
        return problem === undefined;
      },
      signal: abort.signal,
    });
    if (firstWrong) result.figures.firstWrongBody = firstWrong;
    post({ type: 'open-result', result });
  } else {
    const { before, after } = job.pathTemplate;
    const figures = await runLeanClosedLoad({
      ...job.options,
      pathFor: (id) => `${before}${id}${after}`,
      check,
      ...(expectedBody ? { expectedBody } : {}),
      onWindowStart: () => post({ type: 'window-start' }),
      signal: abort.signal,
    });
    post({ type: 'closed-result', figures });
  }
}

main().then(
  () => parentPort!.close(),
  (error: unknown) => {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    parentPort!.close();
  },
);
