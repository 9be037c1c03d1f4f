// The shape of a subcommand. Adding one (`apply`, `templates`) means a module exporting a
// CliCommand and one entry in the list in cli.ts.
import type { CliIo } from './io';

export interface CliCommand {
  name: string;
  /** One line for the command list in `pipewright --help`. */
  summary: string;
  /** Full help, printed by `pipewright COMMAND --help` and after a usage error. */
  usage: string;
  /** Returns the exit code; throws UsageError / InputError for the failures users cause. */
  run(args: string[], io: CliIo): number | Promise<number>;
}
