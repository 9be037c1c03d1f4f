// `pipewright lint [FILE|DIR]... [--format text|json|sarif] [--config FILE] [--fix]`: the
// deployment-practice rules for CI. Exit 1 when an error-severity finding remains, 0 otherwise,
// 2 on bad usage or unreadable input.
import { join } from 'node:path';
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

/** Some finding of error severity remains. */
export const EXIT_LINT_ERRORS = 1;

const CONFIG_FILE = '.pipewright.yml';

export const lintCommand: CliCommand = {
  name: 'lint',
  summary: 'check pipeline files against deployment practices (for CI: text, JSON or SARIF)',
  usage: [
    'usage: pipewright lint [FILE|DIR]... [--format text|json|sarif] [--config FILE] [--fix] [--rules]',
    '',
    'Checks each FILE, and every pipeline file under each DIR (default: the current directory),',
    `against Pipewright's rules: approval gates before production, rollback and verification after it,`,
    'credentials in the file, pull_request_target, pinned actions, timeouts, caches and more.',
    `A file's dialect comes from its name, then its content (${DIALECT_CHOICES}).`,
    '',
    'options:',
    '  --format text|json|sarif  how to print the findings (default text); sarif is SARIF 2.1.0 for code scanning',
    `  --config FILE             rules off or re-ranked (default: ${CONFIG_FILE} in the current directory, if any)`,
    '  --fix                     apply every fix that needs no network, in place, and print what changed',
    '  --rules                   list the rules and exit',
    '',
    'exit codes: 0 no error-severity finding, 1 error-severity findings remain, 2 bad usage or input',
  ].join('\n'),
  run(args, io) {
    const parsed = parseArgs(args, { flags: ['--fix', '--rules'], values: ['--format', '--config'] });
    if (parsed.flags.has('--rules')) {
      io.stdout(`${ALL_RULE_INFOS.map((r) => `${r.id.padEnd(32)} ${r.severity.padEnd(11)} ${r.summary}`).join('\n')}\n`);
      return EXIT_OK;
    }
    const format = (parsed.values.get('--format') ?? 'text') as LintFormat;
    if (!FORMATS.includes(format)) throw new UsageError(`unknown format "${format}" (expected ${FORMATS.join(', ')})`);
    const config = readConfig(parsed.values.get('--config'), io);
    const targets = lintTargets(parsed.positionals.length > 0 ? parsed.positionals : ['.'], io);
    const results: FileFindings[] = [];
    const changes: string[] = [];
    for (const file of targets) {
      let text = readInputFile(file, io);
      try {
        if (parsed.flags.has('--fix')) {
          const fixed = applyAllFixes(text, { fileName: file }, config);
          for (const r of fixed.reports) {
            changes.push(r.refused ? `${file}:${r.line}: ${r.rule}: not fixed: ${r.refused}` : `${file}:${r.line}: ${r.rule}: ${r.title}`);
          }
          if (fixed.text !== text) {
            io.replaceText(file, fixed.text);
            text = fixed.text;
          }
        }
        results.push({ file, findings: lintText(text, { fileName: file }, config) });
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

function readConfig(path: string | undefined, io: CliIo): LintConfig {
  const file = path ?? join(io.cwd(), CONFIG_FILE);
  let text: string;
  try {
    text = io.readText(file);
  } catch (e) {
    // Without --config the file is optional.
    if (path === undefined && (e as { code?: string }).code === 'ENOENT') return EMPTY_CONFIG;
    throw new InputError(`cannot read ${file}: ${describeFsError(e)}`);
  }
  const r = configFromFile(text, path ?? CONFIG_FILE, RULE_IDS);
  if (!r.ok) throw new InputError(r.errors.join('\n'));
  return r.config;
}
