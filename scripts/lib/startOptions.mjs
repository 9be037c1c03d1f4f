// The command line of `npm start` (`npm start -- FLAGS`), parsed in one place: each flag is one
// entry in the table below, with the line `--help` prints for it.

/** name → what it sets in the options, and its help line. */
const FLAGS = {
  '--reset': { option: 'reset', help: 'put the scratch copy of samples/ back as shipped (your edits there are lost)' },
  '--sandbox': { option: 'sandbox', help: 'also start a local GitHub API with a live scenario, and point Pipewright at it (no account needed)' },
  '--help': { option: 'help', help: 'print this help' },
};

export class StartUsageError extends Error {}

/** @returns {{ reset: boolean, sandbox: boolean, help: boolean }} */
export function parseStartArgs(argv) {
  const options = Object.fromEntries(Object.values(FLAGS).map((f) => [f.option, false]));
  for (const arg of argv) {
    const flag = FLAGS[arg === '-h' ? '--help' : arg];
    if (!flag) throw new StartUsageError(`npm start: unknown option ${JSON.stringify(arg)}\n\n${startUsage()}`);
    options[flag.option] = true;
  }
  return options;
}

export function startUsage() {
  const width = Math.max(...Object.keys(FLAGS).map((f) => f.length));
  const lines = Object.entries(FLAGS).map(([name, f]) => `  ${name.padEnd(width)}  ${f.help}`);
  return `usage: npm start [-- OPTIONS]\n\n${lines.join('\n')}`;
}
