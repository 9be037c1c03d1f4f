// Azure names stages and jobs inside expressions: `dependencies.Build.result` (a stage in a
// stage's condition or variables, a job of the same stage in a job's), `dependencies.Build.
// outputs['Compile.step.var']` (a stage's job in the output key), `stageDependencies.Build.
// Compile.outputs['Compile.step.var']`. A rename rewrites exactly the name's characters in each,
// where the scope says the name means the renamed stage or job; every reference is a splice.
import { isMap, isScalar, visit } from 'yaml';
import { lineWhere, pairOf, scalarText, type YamlSource } from '../../../yaml/source';

/** What is renamed: a stage, or a job of a stage (`stage` undefined: a top-level job). */
export type Renamed = { kind: 'stage'; name: string } | { kind: 'job'; stage: string | undefined; name: string };

export interface NameReference {
  start: number;
  end: number;
  /** Where, for a message: "line N" (of the file it is in, in a composite). */
  line: string;
}

const NAME = '[A-Za-z_][A-Za-z0-9_]*';
// `.outputs['Job.step.var']`, its key captured: the job's name may be in it.
const OUTPUT_KEY = `(?:\\s*\\.\\s*outputs\\s*\\[\\s*(?<q>['"])(?<key>[^'"]*)\\k<q>)?`;
const STAGE_DEPENDENCIES = new RegExp(`\\bstageDependencies\\s*\\.\\s*(?<s>${NAME})\\s*\\.\\s*(?<j>${NAME})${OUTPUT_KEY}`, 'gid');
const DEPENDENCIES = new RegExp(`(?<![A-Za-z0-9_.])dependencies\\s*\\.\\s*(?<n>${NAME})${OUTPUT_KEY}`, 'gid');
// The status functions name the dependencies they test: `succeeded('Build', 'Test')` in a stage's
// condition means stages, in a job's the jobs of its stage.
const STATUS_CALL = /(?<![A-Za-z0-9_.])(?:succeeded|failed|succeededOrFailed)\s*\((?<args>[^()]*)\)/gid;
const QUOTED_NAME = new RegExp(`(?<q>['"])\\s*(?<n>${NAME})\\s*\\k<q>`, 'gd');
const MENTIONS = /dependencies|succeeded|failed/i;

/** Every place an expression names `renamed` (case-insensitively, as Azure does), in text order. */
export function expressionReferences(src: YamlSource, renamed: Renamed): NameReference[] {
  if (!MENTIONS.test(src.text)) return [];
  const found: NameReference[] = [];
  const same = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
  visit(src.doc, {
    Scalar(key, node, path) {
      if (key === 'key' || !isScalar(node) || !node.range || typeof node.value !== 'string' || !MENTIONS.test(node.value)) return;
      const scope = scopeOf(path);
      const raw = src.text.slice(node.range[0], node.range[1]);
      const at = (offset: number, length: number) => {
        const start = node.range![0] + offset;
        found.push({ start, end: start + length, line: lineWhere(src, start) });
      };
      // Output keys `Job.step.var` (or `Job.Job.step.var` for a deployment): the job's segments.
      const keySegments = (m: RegExpMatchArray) => {
        const key = m.groups?.key;
        const span = m.indices?.groups?.key;
        if (key === undefined || !span) return;
        const parts = key.split('.');
        let offset = span[0];
        parts.forEach((part, i) => {
          if (i < parts.length - 2 && same(part, renamed.name)) at(offset, part.length);
          offset += part.length + 1;
        });
      };
      for (const m of raw.matchAll(STAGE_DEPENDENCIES)) {
        const g = m.groups!;
        const ix = m.indices!.groups!;
        if (renamed.kind === 'stage' && same(g.s, renamed.name)) at(ix.s[0], g.s.length);
        if (renamed.kind === 'job' && same(g.s, renamed.stage) && same(g.j, renamed.name)) {
          at(ix.j[0], g.j.length);
          keySegments(m);
        }
      }
      const means = renamed.kind === 'stage' ? scope.level === 'stage' : scope.level === 'job' && same(scope.stage, renamed.stage);
      if (means) {
        for (const call of raw.matchAll(STATUS_CALL)) {
          const args = call.indices!.groups!.args[0];
          for (const m of call.groups!.args.matchAll(QUOTED_NAME)) {
            if (same(m.groups!.n, renamed.name)) at(args + m.indices!.groups!.n[0], m.groups!.n.length);
          }
        }
      }
      for (const m of raw.matchAll(DEPENDENCIES)) {
        const g = m.groups!;
        const ix = m.indices!.groups!;
        if (renamed.kind === 'stage') {
          if (scope.level === 'stage' && same(g.n, renamed.name)) at(ix.n[0], g.n.length);
        } else if (scope.level === 'job' && same(scope.stage, renamed.stage) && same(g.n, renamed.name)) {
          at(ix.n[0], g.n.length);
          keySegments(m);
        } else if (scope.level === 'stage' && same(g.n, renamed.stage)) {
          keySegments(m);
        }
      }
    },
  });
  return found.sort((a, b) => a.start - b.start);
}

/** Whether a scalar sits in a job's settings or a stage's (outside its jobs), and which stage. */
function scopeOf(path: readonly unknown[]): { level: 'stage' | 'job' | 'pipeline'; stage?: string } {
  let stage: string | undefined;
  let level: 'stage' | 'job' | 'pipeline' = 'pipeline';
  for (const item of path) {
    if (!isMap(item)) continue;
    const stageName = scalarText(pairOf(item, 'stage')?.value);
    if (stageName !== undefined) {
      stage = stageName.trim();
      level = 'stage';
    } else if (pairOf(item, 'job') !== undefined || pairOf(item, 'deployment') !== undefined) {
      level = 'job';
    }
  }
  return { level, ...(stage !== undefined ? { stage } : {}) };
}

