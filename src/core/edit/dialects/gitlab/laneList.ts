// What the lane operations (addLane, renameLane, moveLane) share: the lane order as `stages:`
// writes it (or GitLab's defaults when it is absent), the lanes GitLab owns (.pre, .post), list
// items placed after a given item, and a whole `stages:` for a file that has none.
import { isScalar, type Node, type YAMLSeq } from 'yaml';
import { DEFAULT_STAGES } from '../../../dialects/gitlab/lanes';
import { RESERVED_KEYS } from '../../../dialects/gitlab/topLevel';
import { pairOf, scalarText } from '../../../yaml/source';
import { renderPair } from '../../fragment';
import { columnOf, lineStart } from '../../lines';
import { Refusal, type Splices } from '../../splices';
import { commentLinesAbove, contentEnd, dashBefore, dashColumn, endOfLinesThrough, itemLines } from '../../wholeLines';
import { entriesSeparatedByBlankLines } from './addStage';
import type { GitlabFile } from './file';
import { notOwnStages, pipelineStagesFile, stagesSeq, STAGES_ITEM } from './stagesList';

export interface StageOrder {
  /** The written `stages:` list; undefined when GitLab's defaults apply. */
  seq?: YAMLSeq.Parsed;
  /** Lane names in order: the written list (with .pre/.post only when written), or the defaults. */
  names: string[];
}

export function readStageOrder(file: GitlabFile): StageOrder {
  const seq = stagesSeq(file);
  // stages: written here are not the pipeline's: GitLab keeps the including file's over those of
  // the files it includes.
  const declaredIn = pipelineStagesFile(file);
  if (declaredIn !== undefined) throw new Refusal(`${notOwnStages(seq, declaredIn)}: change them there`);
  if (!seq) return { names: [...DEFAULT_STAGES] };
  const names = seq.items.map((item) => scalarText(item)!);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice !== undefined) {
    throw new Refusal(`stages: lists "${twice}" more than once (${file.where(seq.range[0])}); remove the duplicate in the text first`);
  }
  return { seq, names };
}

export function isFixedLane(lane: string): boolean {
  return lane === '.pre' || lane === '.post';
}

/** .pre and .post always exist and always run first and last. */
export function refuseFixedLane(lane: string, doing: string): void {
  if (isFixedLane(lane)) {
    throw new Refusal(`GitLab always runs "${lane}" ${lane === '.pre' ? 'first' : 'last'} under that name; it cannot be ${doing}`);
  }
}

export function checkNewLaneName(name: string): void {
  if (isFixedLane(name)) throw new Refusal(`"${name}" is a stage GitLab adds by itself`);
  if (/[\r\n]/.test(name) || name.trim() !== name || name === '') {
    throw new Refusal(`"${name}" cannot be a stage name: it must be one line without leading or trailing spaces`);
  }
}

/** A lane the operation names must be in the written order (or the defaults). */
export function refuseUnlisted(file: GitlabFile, order: StageOrder, lane: string): void {
  if (order.names.includes(lane) || lane === '.pre' || lane === '.post') return;
  if (file.laneIndex(lane) >= 0) {
    throw new Refusal(`stage "${lane}" is used by jobs but not declared in stages:; add it to stages: first`);
  }
  throw new Refusal(`there is no stage "${lane}" in this file`, { unknown: { what: 'lane', name: lane, known: order.names } });
}

/**
 * Where in `names` a lane goes: right after `after`, or at the end (before a written .post).
 * `after: ".pre"` means first.
 */
export function positionAfter(file: GitlabFile, order: StageOrder, names: string[], after: string | undefined): number {
  if (after === undefined) {
    const post = names.indexOf('.post');
    return post >= 0 ? post : names.length;
  }
  if (after === '.post') throw new Refusal('nothing can run after ".post"; GitLab always runs it last');
  refuseUnlisted(file, order, after);
  return names.indexOf(after) + 1; // .pre not written: -1 + 1, the very start
}

/** True when `include:` pulls in other files, whose jobs and `stages:` this file cannot see. */
export function includeLine(file: GitlabFile): string | undefined {
  const include = pairOf(file.root, 'include');
  return include ? file.where((include.key as Node).range?.[0]) : undefined;
}

/**
 * Write `stages:` for a file that has none, listing `names` (GitLab's defaults, changed). Refused
 * when the file includes others: one of them may declare the stages, and this would override it.
 */
export function writeWholeStages(file: GitlabFile, names: string[]): void {
  const included = includeLine(file);
  if (included) {
    throw new Refusal(`this file has no stages: and includes other files (${included}), which may declare them; change the stages where they are declared`);
  }
  const { splices } = file.ctx;
  const { text, style } = splices;
  const firstKey = file.root.items[0]?.key as Node | undefined;
  const column = firstKey?.range ? columnOf(text, firstKey.range[0]) : 0;
  const lines = renderPair('stages', names, style, column);
  const gap = entriesSeparatedByBlankLines(file) ? style.eol : '';
  // Before the first job or template (settings such as variables: usually come first), above
  // the comment lines that introduce it.
  const anchor = file.entries.find((e) => !RESERVED_KEYS.has(e.name));
  if (anchor) {
    splices.insert(commentLinesAbove(text, lineStart(text, (anchor.pair.key as Node).range![0])), lines + gap);
    return;
  }
  splices.insertLines(text.length, gap + lines);
}

/**
 * Insert `itemText` (a block item's whole lines, or a flow item's text) as the item after
 * `seq.items[k]`, or first when k is -1.
 */
export function insertItemAfter(splices: Splices, seq: YAMLSeq.Parsed, k: number, itemText: string): void {
  const { text } = splices;
  const items = seq.items as Node[];
  if (seq.flow) {
    if (k >= 0) splices.insert(items[k].range![1], `, ${itemText}`);
    else if (items.length > 0) splices.insert(items[0].range![0], `${itemText}, `);
    else splices.insert(seq.range[1] - 1, itemText);
    return;
  }
  if (k < 0) {
    splices.insert(lineStart(text, dashBefore(text, items[0].range![0], STAGES_ITEM)), itemText);
    return;
  }
  splices.insertLines(endOfLinesThrough(text, contentEnd(items[k])!), itemText);
}

/** A new block item line for `name`, with its dash where the list's dashes are. */
export function blockItemLine(splices: Splices, seq: YAMLSeq.Parsed, quoted: string): string {
  const column = dashColumn(splices.text, seq, STAGES_ITEM);
  return `${' '.repeat(column)}- ${quoted}${splices.style.eol}`;
}

/** The existing text of item `index`: its whole lines (block, ending with a line break) or its own text (flow). */
export function itemText(splices: Splices, seq: YAMLSeq.Parsed, index: number): string {
  const { text, style } = splices;
  const item = seq.items[index] as Node;
  if (!isScalar(item)) throw new Refusal('a stages: item is not a plain name');
  if (seq.flow) return text.slice(item.range![0], item.range![1]);
  const lines = text.slice(...itemLines(text, item, { what: STAGES_ITEM }));
  return lines.endsWith('\n') ? lines : lines + style.eol;
}
