// `pipewright apply FILE OPS.json [--write] [--dialect github|gitlab|azure]`: apply designer edit
// operations to a pipeline file, all or nothing, changing only the bytes each operation is about.
import { applyOperations } from '../core/edit/plan';
import { parseOperationList, type EditOperation } from '../core/edit/operations';
import { parseArgs } from './args';
import type { CliCommand } from './command';
import { EXIT_OK, EXIT_REFUSED, InputError, UsageError, type CliIo } from './io';
import { DIALECT_CHOICES, describeFsError, dialectOption, parsePipelineFile, readInputFile } from './pipelineInput';

const OPTION_WIDTH = `--dialect ${DIALECT_CHOICES}`.length + 3;

export const applyCommand: CliCommand = {
  name: 'apply',
  summary: 'apply edit operations (JSON) to a pipeline file',
  usage: [
    `usage: pipewright apply FILE OPS.json [--write] [--dialect ${DIALECT_CHOICES}]`,
    '',
    'Applies the operations in OPS.json (a JSON array; - reads it from standard input) to FILE in',
    'order and prints the new text. Only the lines an operation is about change; comments, quoting,',
    'indentation and line endings elsewhere stay byte for byte. If any operation cannot be applied',
    'safely, nothing is printed or written and the reason is given.',
    '',
    'operations (node ids as `pipewright graph --json` prints them):',
    '  {"op":"renameStage","stage":ID,"newId":NEW}        {"op":"deleteStage","stage":ID}',
    '  {"op":"addDependency","stage":ID,"dependsOn":ID}   {"op":"removeDependency","stage":ID,"dependsOn":ID}',
    '  {"op":"addStage","template":NAME,"id":NEW,"after"?:ID,"before"?:ID,"lane"?:STAGE}   (see `pipewright templates`;',
    '      "lane": GitLab only, the stage the new job goes in)',
    '  {"op":"moveToStage","stage":ID,"to":STAGE}         (GitLab lanes, Azure stages)',
    '  {"op":"setProperty","stage":ID,"property":P,"value":V}   P: name, runner, environment, gate,',
    '      strategy, condition, timeout; "value": null clears it',
    '',
    'options:',
    `  ${'--write'.padEnd(OPTION_WIDTH)}write the result back to FILE (atomically) instead of printing it`,
    `  ${`--dialect ${DIALECT_CHOICES}`.padEnd(OPTION_WIDTH)}read FILE as this dialect`,
    '',
    'exit codes: 0 applied (printed, or written with --write),',
    '            2 bad usage, unreadable file, YAML syntax errors, unknown dialect or invalid OPS.json,',
    '            3 an operation was refused: FILE cannot be edited that way safely (nothing changed)',
  ].join('\n'),
  run(args, io) {
    const parsed = parseArgs(args, { flags: ['--write'], values: ['--dialect'] });
    if (parsed.positionals.length !== 2) {
      const got = parsed.positionals.length;
      throw new UsageError(got === 0 ? 'missing FILE and OPS.json' : got === 1 ? 'missing OPS.json' : `expected FILE and OPS.json, got ${got} arguments`);
    }
    const [file, opsFile] = parsed.positionals;
    if (file === '-') throw new UsageError('FILE must be a path (only OPS.json may be - for standard input)');
    const write = parsed.flags.has('--write');
    const dialect = dialectOption(parsed.values.get('--dialect'));
    const text = readInputFile(file, io);
    // A file that does not parse is never edited, not even by an empty list of operations.
    const graph = parsePipelineFile(file, text, dialect);
    const ops = readOperations(opsFile, io);

    const result = applyOperations(text, ops, { dialect: graph.dialect, fileName: file });
    if (!result.ok) {
      io.stderr(`pipewright apply: operation ${result.index + 1} (${ops[result.index].op}): ${result.reason}\n`);
      return EXIT_REFUSED;
    }
    if (!write) {
      io.stdout(result.text);
      return EXIT_OK;
    }
    const count = `${ops.length} operation${ops.length === 1 ? '' : 's'}`;
    if (result.text === text) {
      io.stderr(`pipewright apply: ${file} unchanged (${count}), not rewritten\n`);
      return EXIT_OK;
    }
    try {
      io.replaceText(file, result.text);
    } catch (e) {
      throw new InputError(`cannot write ${file}: ${describeFsError(e)}`);
    }
    io.stderr(`pipewright apply: wrote ${file} (${count} applied)\n`);
    return EXIT_OK;
  },
};

function readOperations(opsFile: string, io: CliIo): EditOperation[] {
  const name = opsFile === '-' ? 'standard input' : opsFile;
  let source: string;
  try {
    source = opsFile === '-' ? io.readStdin() : io.readText(opsFile);
  } catch (e) {
    throw new InputError(`cannot read ${name}: ${describeFsError(e)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(source);
  } catch (e) {
    throw new InputError(`${name} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const checked = parseOperationList(raw);
  if (!checked.ok) throw new InputError(`${name}: ${checked.error}`);
  return checked.value;
}
