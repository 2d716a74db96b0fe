/** Where an in-process command (report, merge) writes and where its relative paths start; tests give their own. */
export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Where relative paths start: the directory `npm run` was called from. */
  cwd: string;
}

export const processIo: CommandIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  // npm runs scripts from the package root; INIT_CWD is where the user typed the command.
  cwd: process.env['INIT_CWD'] ?? process.cwd(),
};
