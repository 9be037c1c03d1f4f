// `pipewright apply FILE OPS.json [--write] [--diff] [--dialect github|gitlab|azure] [--root DIR]`:
// apply designer edit operations to a pipeline, all or nothing, changing only the bytes each
// operation is about — in FILE or in the files it includes, extends or calls, wherever the thing
// edited is written.
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { applyComposedOperations, pipelineToEdit, type ComposedApplied } from '../core/edit/composedPlan';
import { parseOperationList, type EditOperation } from '../core/edit/operations';
import { describeGateLoss } from '../core/gates';
import { describeOperation } from '../shared/describeOperation';
import type { RefusalFrame, UnknownName } from '../core/edit/refusal';
import { parseArgs } from './args';
import type { CliCommand } from './command';
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_REFUSED, InputError, UsageError, type CliIo } from './io';
import { nearestNames } from './nearest';
import { operationsHelp } from './operationsHelp';
import { DIALECT_CHOICES, describeFsError, dialectOption, parsePipelineFile, readInputFile } from './pipelineInput';
import { defaultRoot, pathInRoot, projectFilesAt, shownBeside } from './projectFiles';

// A terminal has no designer and no text editor beside it: what the file needs is a hand edit.
export const CLI_FRAME: RefusalFrame = { prefix: 'refused: ', byHand: 'edit the YAML by hand' };

const OPTION_WIDTH = `--dialect ${DIALECT_CHOICES}`.length + 3;

export const applyCommand: CliCommand = {
  name: 'apply',
  summary: 'apply edit operations (JSON) to a pipeline file',
  usage: [
    `usage: pipewright apply FILE OPS.json [--write] [--diff] [--dialect ${DIALECT_CHOICES}] [--root DIR]`,
    '',
    'Applies the operations in OPS.json (a JSON array; - reads it from standard input) to the',
    'pipeline FILE in order. Only the lines an operation is about change; comments, quoting,',
    'indentation and line endings elsewhere stay byte for byte. If any operation cannot be applied',
    'safely, nothing is printed or written and the reason is given.',
    '',
    'FILE is composed with the files it names, as `pipewright graph` does (under the root: the git',
    "root above FILE, else FILE's folder): a job written in an included file, a template or a",
    'called workflow is changed there, and a rename updates the references in every file.',
    'A rename or deletion in an Azure template also changes each pipeline that uses it and names',
    'what it renames (its dependsOn, conditions), all in one edit.',
    'Without --write: when only FILE changes, its new text is printed; when other files change',
    '(or with --diff), a unified diff of every file touched, paths relative to the root (apply it',
    'there with `git apply` or `patch -p1`).',
    '',
    'deleteStage keeps the order: the stages that waited for the deleted one wait for what it',
    'waited for, and standard error says which. An operation that leaves a production deploy',
    'without an approval gate before it is applied, with a warning on standard error.',
    '',
    ...operationsHelp(),
    '',
    'options:',
    `  ${'--write'.padEnd(OPTION_WIDTH)}write every file changed (each atomically) instead of printing`,
    `  ${'--diff'.padEnd(OPTION_WIDTH)}print a unified diff even when only FILE changes`,
    `  ${`--dialect ${DIALECT_CHOICES}`.padEnd(OPTION_WIDTH)}read FILE as this dialect`,
    `  ${'--root DIR'.padEnd(OPTION_WIDTH)}the project folder that included, template and workflow paths start from`,
    '',
    'exit codes: 0 applied (printed, or written with --write),',
    '            2 bad usage, unreadable file, YAML syntax errors, unknown dialect, invalid OPS.json,',
    '              or an operation naming a stage, lane or template that is not there (nothing changed)',
    '            3 an operation was refused: FILE cannot be edited that way safely (nothing changed)',
  ].join('\n'),
  run(args, io) {
    const parsed = parseArgs(args, { flags: ['--write', '--diff'], values: ['--dialect', '--root'] });
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
    const root = parsed.values.get('--root') ?? defaultRoot(file);
    const rootPath = pathInRoot(root, file);
    if (rootPath === undefined) throw new UsageError(`${file} is not inside the root ${root}`);

    // A GitLab file the project's root includes is edited in that pipeline: a rename reaches the root.
    const pipeline = pipelineToEdit(graph.dialect, rootPath, text, projectFilesAt(root));
    const result = applyComposedOperations(pipeline, ops, { dialect: graph.dialect, fileName: file, frame: CLI_FRAME });
    if (!result.ok) {
      const which = `operation ${result.index + 1} (${ops[result.index].op})`;
      // A name that is not there is a mistake in OPS.json, not something the file cannot take.
      if (result.unknown) {
        io.stderr(`pipewright apply: ${which}: ${describeUnknown(result.unknown, file)}\n`);
        return EXIT_BAD_INPUT;
      }
      io.stderr(`pipewright apply: ${which}: ${result.reason}\n`);
      return EXIT_REFUSED;
    }
    reportSideEffects(ops, result.applied, io);
    const onlyFile = result.changes.every((c) => c.path === rootPath);
    if (!write) {
      if (onlyFile && !parsed.flags.has('--diff')) io.stdout(result.changes[0]?.text ?? text);
      else io.stdout(result.changes.map((c) => createTwoFilesPatch(`a/${c.path}`, `b/${c.path}`, c.before, c.text, undefined, undefined, { headerOptions: FILE_HEADERS_ONLY })).join(''));
      return EXIT_OK;
    }
    const count = `${ops.length} operation${ops.length === 1 ? '' : 's'}`;
    if (result.changes.length === 0) {
      io.stderr(`pipewright apply: ${file} unchanged (${count}), not rewritten\n`);
      return EXIT_OK;
    }
    const written: string[] = [];
    for (const change of result.changes) {
      // FILE as the command line names it; the others alike (shownBeside).
      const target = change.path === rootPath ? file : shownBeside(file, root, change.path);
      try {
        io.replaceText(target, change.text);
      } catch (e) {
        const done = written.length > 0 ? ` (already written: ${written.join(', ')})` : '';
        throw new InputError(`cannot write ${target}: ${describeFsError(e)}${done}`);
      }
      written.push(target);
    }
    io.stderr(`pipewright apply: wrote ${written.join(', ')} (${count} applied)\n`);
    return EXIT_OK;
  },
};

/** What operations did besides their own change: reconnected stages, production deploys left ungated. */
function reportSideEffects(ops: readonly EditOperation[], applied: readonly ComposedApplied[], io: CliIo): void {
  for (const [i, outcome] of applied.entries()) {
    const tag = `operation ${i + 1} (${ops[i].op})`;
    if (outcome.reconnected.length > 0) io.stderr(`pipewright apply: ${tag}: ${describeOperation(ops[i], outcome)}\n`);
    for (const loss of outcome.lostGates) io.stderr(`pipewright apply: warning: ${tag}: ${describeGateLoss(loss)}\n`);
  }
}

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

function describeUnknown(unknown: UnknownName, file: string): string {
  const where = unknown.what === 'template' ? '' : ` in ${file}`;
  const nearest = nearestNames(unknown.name, unknown.known);
  const suggestion = nearest.length > 0 ? ` (nearest: ${nearest.join(', ')})` : ` (it has no ${unknown.what}s)`;
  return `there is no ${unknown.what} "${unknown.name}"${where}${suggestion}`;
}
