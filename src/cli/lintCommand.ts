// `pipewright lint [FILE|DIR]... [--format text|json|sarif] [--config FILE] [--fix]`: the
// deployment-practice rules for CI. Exit 1 when an error-severity finding remains, 0 otherwise,
// 2 on bad usage or unreadable input.
import { join, relative, resolve } from 'node:path';
import packageJson from '../../package.json';
import { UnknownDialectError } from '../core/parse';
import { ALL_RULE_INFOS, RULE_IDS } from '../core/rules/catalog';
import { configFromFile, EMPTY_CONFIG, type LintConfig } from '../core/rules/config';
import { applyAllFixes } from '../core/rules/fixes';
import { lintText } from '../core/rules/lintText';
import { parseArgs } from './args';
import type { CliCommand } from './command';
import { EXIT_OK, InputError, UsageError, type CliIo } from './io';
import { lintTargets } from './lintFiles';
import { formatJson, formatSarif, formatText, FORMATS, type FileFindings, type LintFormat } from './lintFormats';
import { describeFsError, DIALECT_CHOICES, readInputFile } from './pipelineInput';
import { LintPipelines } from './lintPipelines';
import { defaultRoot, shownBeside } from './projectFiles';
import { schemaFolder, schemaValidators } from '../schemaCheck/validators';

/** Some finding of error severity remains. */
export const EXIT_LINT_ERRORS = 1;

const CONFIG_FILE = '.pipewright.yml';

export const lintCommand: CliCommand = {
  name: 'lint',
  summary: 'check pipeline files against deployment practices (for CI: text, JSON or SARIF)',
  usage: [
    'usage: pipewright lint [FILE|DIR]... [--format text|json|sarif] [--config FILE] [--root DIR] [--fix] [--rules]',
    '',
    'Checks each FILE, and every pipeline file under each DIR (default: the current directory) with',
    'the files its GitLab pipelines include there,',
    `against Pipewright's rules: approval gates before production, rollback and verification after it,`,
    'credentials in the file, pull_request_target, pinned actions, timeouts, caches and more.',
    `A file's dialect comes from its name, then its content (${DIALECT_CHOICES}).`,
    '',
    'options:',
    '  --format text|json|sarif  how to print the findings (default text); sarif is SARIF 2.1.0 for code scanning',
    `  --config FILE             rules off or re-ranked, for every file (default: each file's own ${CONFIG_FILE}, at`,
    '                            the git root above it, else in its folder, if there is one)',
    '  --root DIR                the project folder a file\'s pipeline is read from (default: the git root above',
    '                            it; without one, each file is checked alone). A file that names other files is',
    '                            checked with them, and a file the root .gitlab-ci.yml includes as part of it:',
    '                            a job or stage another file defines is no problem',
    '  --fix                     apply every fix that needs no network, in place, and print what changed',
    '  --rules                   list the rules and exit',
    '',
    'exit codes: 0 no error-severity finding, 1 error-severity findings remain, 2 bad usage or input',
  ].join('\n'),
  run(args, io) {
    const parsed = parseArgs(args, { flags: ['--fix', '--rules'], values: ['--format', '--config', '--root'] });
    if (parsed.flags.has('--rules')) {
      io.stdout(`${ALL_RULE_INFOS.map((r) => `${r.id.padEnd(32)} ${r.severity.padEnd(11)} ${r.summary}`).join('\n')}\n`);
      return EXIT_OK;
    }
    const format = (parsed.values.get('--format') ?? 'text') as LintFormat;
    if (!FORMATS.includes(format)) throw new UsageError(`unknown format "${format}" (expected ${FORMATS.join(', ')})`);
    const configs = configSource(parsed.values.get('--config'), io);
    const given = parsed.positionals.length > 0 ? parsed.positionals : ['.'];
    const root = parsed.values.get('--root');
    if (root !== undefined && !io.isDirectory(root)) throw new UsageError(`--root ${root} is not a directory`);
    const pipelines = new LintPipelines(io, root);
    const found = lintTargets(given, io);
    // Under a directory, the files its GitLab pipelines include are checked too: their names
    // (`.gitlab/ci/build.yml`) do not say they are pipeline files.
    const targets = [...found, ...pipelines.includedUnder(given.filter((p) => io.isDirectory(p)), found)];
    // The vendored schemas: dist/schemas beside the bundle, schemas/ in a checkout. Each is
    // compiled when the first file of its dialect is checked.
    const folder = schemaFolder(__dirname);
    const schema = folder ? schemaValidators(folder) : undefined;
    const results: FileFindings[] = [];
    const changes: string[] = [];
    for (const file of targets) {
      let text = readInputFile(file, io);
      const config = configs(file);
      try {
        if (parsed.flags.has('--fix')) {
          const where = pipelines.projectOf(file);
          const fixed = applyAllFixes(text, { fileName: file }, config, {}, where);
          for (const r of fixed.reports) {
            changes.push(r.refused ? `${file}:${r.line}: ${r.rule}: not fixed: ${r.refused}` : `${file}:${r.line}: ${r.rule}: ${r.title}`);
          }
          if (fixed.text !== text) {
            io.replaceText(file, fixed.text);
            text = fixed.text;
          }
          // A fix planned in the pipeline the file is part of may change another of its files.
          for (const other of where ? fixed.others : []) {
            const target = shownBeside(file, where!.root, other.path);
            io.replaceText(target, other.text);
            changes.push(`${target}: changed by the fixes of ${file}`);
          }
        }
        results.push({ file, findings: lintText(text, { fileName: file }, config, schema ? { schema } : {}, pipelines.placeOf(file, text)) });
      } catch (e) {
        if (e instanceof UnknownDialectError) throw new InputError(`${e.message.replace(/; choose a dialect explicitly$/, '')}`);
        throw e;
      }
    }
    // What --fix changed goes where it does not mix with a machine-read format.
    if (changes.length > 0) (format === 'text' ? io.stdout : io.stderr)(`${changes.join('\n')}\n`);
    if (format === 'json') io.stdout(formatJson(results));
    else if (format === 'sarif') io.stdout(formatSarif(results, io.cwd(), packageJson.version));
    else io.stdout(formatText(results));
    return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? EXIT_LINT_ERRORS : EXIT_OK;
  },
};

/**
 * The configuration each file is checked with: `--config FILE` for all of them, else the
 * `.pipewright.yml` at the file's repository root (the git root above it, else its folder), so a
 * file is checked the same from any directory and CI agrees with the editor. Read once per root.
 */
function configSource(path: string | undefined, io: CliIo): (file: string) => LintConfig {
  if (path !== undefined) {
    const config = readConfig(path, path, io);
    return () => config;
  }
  const byRoot = new Map<string, LintConfig>();
  return (file) => {
    const root = defaultRoot(resolve(io.cwd(), file));
    let config = byRoot.get(root);
    if (!config) {
      const at = join(root, CONFIG_FILE);
      config = readConfig(at, relative(io.cwd(), at) || CONFIG_FILE, io, true);
      byRoot.set(root, config);
    }
    return config;
  };
}

/** `optional`: a missing file is no configuration (a root's file); a named one must exist. */
function readConfig(file: string, shownAs: string, io: CliIo, optional = false): LintConfig {
  let text: string;
  try {
    text = io.readText(file);
  } catch (e) {
    if (optional && (e as { code?: string }).code === 'ENOENT') return EMPTY_CONFIG;
    throw new InputError(`cannot read ${shownAs}: ${describeFsError(e)}`);
  }
  const r = configFromFile(text, shownAs, RULE_IDS);
  if (!r.ok) throw new InputError(r.errors.join('\n'));
  return r.config;
}
