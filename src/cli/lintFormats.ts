// How `pipewright lint` prints findings: lines for a person, JSON for scripts, SARIF 2.1.0 for
// code scanning (GitHub reads rule metadata, help URIs and regions from it).
import { relative, resolve, sep } from 'node:path';
import { ALL_RULE_INFOS, ruleDocUrl } from '../core/rules/catalog';
import type { LintFinding } from '../core/rules/engine';

export interface FileFindings {
  /** As given on the command line or found under a directory. */
  file: string;
  findings: LintFinding[];
}

export const FORMATS = ['text', 'json', 'sarif'] as const;
export type LintFormat = (typeof FORMATS)[number];

/** A fix `--fix` applies: one that needs no network and is not left to a person in the editor. */
function fixableByCli(f: LintFinding): boolean {
  return f.fix !== undefined && f.fix.automatic !== false;
}

export function formatText(results: readonly FileFindings[]): string {
  const lines: string[] = [];
  const counts = { error: 0, warning: 0, information: 0 };
  for (const { file, findings } of results) {
    for (const f of findings) {
      counts[f.severity]++;
      // `[fixable]` as in JSON: what --fix applies here (an editor-only fix is not).
      lines.push(`${file}:${f.range.startLine}:${f.range.startColumn}: ${f.severity} ${f.code}: ${f.message}${fixableByCli(f) ? ' [fixable]' : ''}`);
    }
  }
  const files = `${results.length} file${results.length === 1 ? '' : 's'}`;
  lines.push(`${files} checked: ${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.information} note${counts.information === 1 ? '' : 's'}`);
  return `${lines.join('\n')}\n`;
}

/** The JSON contract: one object per finding, 1-based lines and columns (end column exclusive). */
export interface LintJsonFinding {
  file: string;
  rule: string;
  severity: LintFinding['severity'];
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** A fix `--fix` applies (none needs the network). */
  fixable: boolean;
}

export function formatJson(results: readonly FileFindings[]): string {
  const out: LintJsonFinding[] = results.flatMap(({ file, findings }) =>
    findings.map((f) => ({
      file,
      rule: f.code,
      severity: f.severity,
      message: f.message,
      line: f.range.startLine,
      column: f.range.startColumn,
      endLine: f.range.endLine,
      endColumn: f.range.endColumn,
      fixable: fixableByCli(f),
    })),
  );
  return `${JSON.stringify(out, null, 2)}\n`;
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', information: 'note' } as const;
const SRCROOT = '%SRCROOT%';

/** SARIF 2.1.0: one run, every rule described, locations relative to `cwd` through %SRCROOT%. */
export function formatSarif(results: readonly FileFindings[], cwd: string, version: string): string {
  const rules = ALL_RULE_INFOS.map((r) => ({
    id: r.id,
    name: r.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: r.summary },
    fullDescription: { text: `${r.summary} (${r.dialects.join(', ')})${r.fix ? `; fix: ${r.fix}` : ''}` },
    helpUri: ruleDocUrl(r.id),
    help: { text: `See ${ruleDocUrl(r.id)}` },
    defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
    properties: { tags: [r.group] },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Pipewright',
            semanticVersion: version,
            informationUri: 'https://github.com/pipewright/pipewright',
            rules,
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(cwd) } },
        results: results.flatMap(({ file, findings }) =>
          findings.map((f) => ({
            ruleId: f.code,
            ...(index.has(f.code) ? { ruleIndex: index.get(f.code)! } : {}),
            level: SARIF_LEVEL[f.severity],
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: relativeUri(cwd, file), uriBaseId: SRCROOT },
                  region: {
                    startLine: f.range.startLine,
                    startColumn: f.range.startColumn,
                    endLine: f.range.endLine,
                    endColumn: Math.max(f.range.endColumn, f.range.endLine === f.range.startLine ? f.range.startColumn + 1 : 1),
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function directoryUri(dir: string): string {
  const path = dir.split(sep).map(encodeURIComponent).join('/');
  return `file://${path.startsWith('/') ? '' : '/'}${path}${path.endsWith('/') ? '' : '/'}`;
}

function relativeUri(cwd: string, file: string): string {
  return relative(cwd, resolve(cwd, file)).split(sep).map(encodeURIComponent).join('/');
}
