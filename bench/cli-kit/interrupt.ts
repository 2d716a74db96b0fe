/**
 * The one Ctrl-C handler: the first SIGINT aborts the returned signal (the command stops
 * its loads, stops its servers and writes what it measured); a second one calls `force`
 * (end at once: kill what is left, exit 130).
 */
export interface SignalSource {
  on(event: 'SIGINT', listener: () => void): unknown;
  off(event: 'SIGINT', listener: () => void): unknown;
}

export interface InterruptOptions {
  /** Said on the first Ctrl-C, e.g. `loopbench: interrupted; stopping servers (Ctrl-C again to force)`. */
  message: string;
  /** The second Ctrl-C. */
  force: () => void;
  log?: (line: string) => void;
  source?: SignalSource;
}

export interface Interrupt {
  signal: AbortSignal;
  /** Stops listening (the handler is gone; the signal stays as it is). */
  dispose(): void;
}

export function interruptSignal({ message, force, log = (line) => process.stderr.write(`${line}\n`), source = process }: InterruptOptions): Interrupt {
  const abort = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts === 1) {
      log(`\n${message}`);
      abort.abort();
    } else force();
  };
  source.on('SIGINT', onSigint);
  return { signal: abort.signal, dispose: () => source.off('SIGINT', onSigint) };
}
