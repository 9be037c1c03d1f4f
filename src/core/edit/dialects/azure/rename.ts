// renameStage for Azure: a stage's `stage:` name and every stage-level `dependsOn` naming it, or a
// job's `job:` / `deployment:` name and the `dependsOn` of the jobs beside it.
import type { Node, YAMLMap } from 'yaml';
import { isScalar, visit } from 'yaml';
import { isValidReferenceName } from '../../../dialects/azure/expressions';
import { pairOf, scalarText } from '../../../yaml/source';
import type { EditOperation } from '../../operations';
import type { PlanContext, Planned, ValueCheck } from '../../plan';
import { Refusal } from '../../splices';
import { expressionReferences, type Renamed } from './renameRefs';
import { localName, locate, type AzureLayout, type EntryList } from './layout';

type Rename = Extract<EditOperation, { op: 'renameStage' }>;

export function planRename(ctx: PlanContext, layout: AzureLayout, op: Rename): Planned {
  const target = locate(ctx, layout, op.stage);
  const oldName = localName(op.stage);
  let newName = op.newId;
  if (target.node.role === 'stage') {
    if (newName.includes('/')) throw new Refusal(`a stage name cannot contain "/": "${newName}"`);
  } else {
    const slash = newName.lastIndexOf('/');
    if (slash >= 0) {
      const stage = newName.slice(0, slash);
      if (stage !== (target.node.stage ?? '')) {
        throw new Refusal(`renaming cannot move job "${op.stage}" to stage "${stage}"; use moveToStage for that`);
      }
      newName = newName.slice(slash + 1);
    }
  }
  checkName(newName, target.node.role === 'stage' ? 'stage' : 'job');
  const unnamed = unnamedKey(ctx, target.entry.map, oldName);
  if (unnamed !== undefined) ctx.splices.insert(unnamed, ` ${newName}`);
  else renameWritten(ctx, target, op.stage, oldName, newName);
  // Siblings in the same list are the only places a stage (or, in a stage, a job) is named…
  renameReferences(ctx, target.list, oldName, newName);
  // …besides expressions (`dependencies.X`, `stageDependencies.X.Y`), which the graph does not show.
  const renamed = (name: string): Renamed => (target.node.role === 'stage' ? { kind: 'stage', name } : { kind: 'job', stage: target.node.stage, name });
  const references = expressionReferences(ctx.src, renamed(oldName));
  for (const r of references) ctx.splices.replace(r.start, r.end, newName);
  const alreadyNew = expressionReferences(ctx.src, renamed(newName)).length;
  const check: ValueCheck = (after) => {
    const left = expressionReferences(after.src, renamed(oldName));
    if (left.length > 0 && oldName.toLowerCase() !== newName.toLowerCase()) return `an expression still names "${oldName}" (${left[0].line})`;
    const now = expressionReferences(after.src, renamed(newName)).length;
    return now === alreadyNew + references.length ? undefined : `${references.length} expression references should name "${newName}", but ${now - alreadyNew} do`;
  };
  return { checks: [check] };
}

/** The written name replaced; read-only for other reasons or not, it must be plainly this entry's own text. */
function renameWritten(ctx: PlanContext, target: { node: { offsets: [number, number] }; entry: { map: YAMLMap.Parsed } }, id: string, oldName: string, newName: string): void {
  const nameValue = writtenNameNode(target.entry.map, oldName);
  const at = nameValue.range?.[0] ?? -1;
  if ((at < target.node.offsets[0] || at >= target.node.offsets[1]) && !namePassed(ctx, target.entry.map)) {
    throw new Refusal(`the name of "${id}" is written in another part of the file (through a YAML alias); rename it in the text`);
  }
  if (/\$\{\{|\$\(|\$\[/.test(ctx.text.slice(at, nameValue.range![1]))) {
    throw new Refusal(`the name of "${id}" is an expression evaluated when the pipeline runs; rename it in the text`);
  }
  ctx.splices.replaceScalar(nameValue, newName);
}

/**
 * Whether the entry's name is written as a whole `${{ parameters.x }}` (`- job: ${{
 * parameters.name }}` in a template): composition drew it as the value the use passes, written
 * where it is passed (`name: Package`), which is that use's own text to rename.
 */
function namePassed(ctx: PlanContext, map: YAMLMap.Parsed): boolean {
  const key = (pairOf(map, 'stage') ?? pairOf(map, 'job') ?? pairOf(map, 'deployment'))?.key as Node | undefined;
  if (!key?.range) return false;
  const lineEnd = ctx.text.indexOf('\n', key.range[1]);
  const written = ctx.text.slice(key.range[1], lineEnd < 0 ? undefined : lineEnd);
  return /^[ \t]*:[ \t]*(['"]?)\$\{\{\s*parameters\.[A-Za-z_][A-Za-z0-9_-]*\s*\}\}\1[ \t]*(?:#.*)?$/.test(written);
}

/**
 * Where to write a name after `- job:` or `- deployment:` written without one (Azure calls such a
 * job `Job`): right after the colon. Undefined when the entry has a written name.
 */
function unnamedKey(ctx: PlanContext, map: YAMLMap.Parsed, oldName: string): number | undefined {
  const pair = pairOf(map, 'job') ?? pairOf(map, 'deployment');
  const key = pair?.key as Node | undefined;
  const value = pair?.value as Node | null | undefined;
  if (oldName !== 'Job' || !key?.range || pairOf(map, 'stage')) return undefined;
  if (value !== null && value !== undefined && !(isScalar(value) && value.value === null && value.range && value.range[0] === value.range[1])) return undefined;
  const colon = ctx.text.indexOf(':', key.range[1]);
  return colon < 0 ? undefined : colon + 1;
}

export function checkName(name: string, what: 'stage' | 'job'): void {
  if (!isValidReferenceName(name)) {
    throw new Refusal(`"${name}" is not a valid Azure ${what} name: use only letters, digits and _, not starting with a digit`);
  }
}

/** The scalar holding a stage's or job's name, which must say exactly `name`. */
export function writtenNameNode(map: YAMLMap.Parsed, name: string): Node {
  const pair = pairOf(map, 'stage') ?? pairOf(map, 'job') ?? pairOf(map, 'deployment');
  const value = pair?.value;
  if (!isScalar(value) || scalarText(value)?.trim() !== name) {
    throw new Refusal(`the name "${name}" is not written as a plain value in the file (an unnamed or repeated name); rename it in the text`);
  }
  return value as Node;
}

function renameReferences(ctx: PlanContext, list: EntryList, oldName: string, newName: string): void {
  for (const entry of list.entries) {
    const dependsOn = pairOf(entry.map, 'dependsOn')?.value;
    if (!dependsOn) continue;
    visit(dependsOn as Node, {
      Scalar(_, node) {
        if (scalarText(node)?.trim() !== oldName) return;
        // A drawn entry's dependsOn is plainly its own text, read-only or not (the re-parse checks the result).
        if (!entry.node) {
          throw new Refusal(`an entry the designer does not draw depends on "${oldName}"; change it in the text`);
        }
        ctx.splices.replaceScalar(node, newName);
      },
    });
  }
}
