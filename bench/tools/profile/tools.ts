/**
 * The clinic tools `npm run profile` can run, and how each one must be stopped.
 *
 * clinic collects until its target process exits, then analyses and writes
 * `<dest>/<pid>.clinic-<tool>.html`. What each tool does on a stop (clinic 13):
 * - doctor, bubbleprof: clinic relays SIGINT (only SIGINT: SIGTERM kills clinic itself,
 *   orphaning the target and losing the report) to the target; the injected sampler
 *   flushes its data on the target's 'beforeExit' (servers/serve.ts lets the loop drain
 *   for that reason instead of calling process.exit()).
 * - flame (0x): on SIGINT/SIGTERM clinic only closes a pipe and waits for the target to
 *   exit; the target itself must get SIGINT or SIGTERM (0x preloads a handler that exits,
 *   and `--prof` writes its log on exit).
 * So the one stop that suits all three is a terminal's Ctrl-C: SIGINT to the whole
 * process group that clinic leads (bench/tools/profile/clinic-process.ts starts it detached).
 */
export const profileTools: Record<'doctor' | 'flame' | 'bubbleprof', ProfileToolInfo> = {
  doctor: {
    description: 'event-loop delay, CPU, memory and handles over time, with a diagnosis',
    // Its sampler is preloaded through NODE_OPTIONS, which Node also runs in every worker
    // thread: all threads share the pid, so they truncate and interleave one processstat
    // file and the analysis fails ("Decoded message is not valid").
    unsupportedStrategies: { 'worker-threads': 'its sampler also runs in every worker thread, and they corrupt its data file' },
  },
  flame: {
    description: 'flame graph of where the CPU time goes (V8 --prof samples)',
    // 0x passes its preloads as node flags, which fork() hands to the pool children: there
    // 0x's stdout redirection opens fd 3, the child's IPC channel, and the child dies.
    unsupportedStrategies: { 'child-process': "0x's preloads are inherited by the forked pool children, which then fail to start" },
  },
  bubbleprof: { description: 'async operations and the time spent waiting between them', unsupportedStrategies: {} },
};

export interface ProfileToolInfo {
  description: string;
  /** Strategies this tool cannot profile here, and why (checked before anything starts). */
  unsupportedStrategies: Record<string, string>;
}

export type ProfileTool = keyof typeof profileTools;
export const profileToolNames = Object.keys(profileTools) as ProfileTool[];

export function isProfileTool(name: string): name is ProfileTool {
  return Object.hasOwn(profileTools, name);
}

/** The signal that makes clinic stop collecting and write its report (sent to clinic's group). */
export const CLINIC_STOP_SIGNAL: NodeJS.Signals = 'SIGINT';
