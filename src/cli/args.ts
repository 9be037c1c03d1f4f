// A small option parser shared by the subcommands: boolean flags, options taking one value
// (`--name value` or `--name=value`), options given as often as needed, positionals, and `--`
// to end options.
import { UsageError } from './io';

export interface OptionSpec {
  /** Options without a value, e.g. `--json`. */
  flags: readonly string[];
  /** Options that take a value, e.g. `--dialect`. */
  values: readonly string[];
  /** Options that take a value and may be given again, e.g. `--input NAME=VALUE`; read from `lists`. */
  repeatable?: readonly string[];
  /** Value options whose value may be the empty string, e.g. `--comment ""`. */
  allowEmpty?: readonly string[];
}

export interface ParsedArgs {
  positionals: string[];
  flags: Set<string>;
  values: Map<string, string>;
  lists: Map<string, string[]>;
}

export function parseArgs(args: readonly string[], spec: OptionSpec): ParsedArgs {
  const parsed: ParsedArgs = { positionals: [], flags: new Set(), values: new Map(), lists: new Map() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      parsed.positionals.push(...args.slice(i + 1));
      break;
    }
    // A lone "-" is a positional by convention (a name, not an option).
    if (!arg.startsWith('-') || arg === '-') {
      parsed.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (spec.flags.includes(name)) {
      if (eq >= 0) throw new UsageError(`${name} takes no value`);
      parsed.flags.add(name);
    } else if (spec.values.includes(name) || spec.repeatable?.includes(name)) {
      const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
      if (value === undefined || (value === '' && !spec.allowEmpty?.includes(name))) throw new UsageError(`${name} needs a value`);
      if (spec.repeatable?.includes(name)) {
        parsed.lists.set(name, [...(parsed.lists.get(name) ?? []), value]);
        continue;
      }
      if (parsed.values.has(name)) throw new UsageError(`${name} given more than once`);
      parsed.values.set(name, value);
    } else {
      throw new UsageError(`unknown option ${name}`);
    }
  }
  return parsed;
}
