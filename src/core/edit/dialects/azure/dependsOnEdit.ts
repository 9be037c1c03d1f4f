// Reading and rewriting one `dependsOn:` entry of a stage or job in whatever form it has: absent,
// a name, `[]`, a flow list or a block list. Written names keep their quoting; new lists are
// written in flow style (`[A, B]`) on the `dependsOn:` line.
import type { Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { isMap, isScalar, isSeq } from 'yaml';
import { pairOf, scalarText } from '../../../yaml/source';
import { renderInline, renderString } from '../../fragment';
import { Refusal, type Splices } from '../../splices';
import type { FileStyle } from '../../style';
import { contentEnd } from '../../wholeLines';
import { removeItem } from './items';
import { setInlinePair } from './pairs';

/** Stages and jobs differ in what an absent or empty `dependsOn` means. */
export type DependsOnLevel = 'stage' | 'job';

export interface WrittenName {
  name: string;
  node: Scalar.Parsed;
  index: number;
}

export interface DependsOnState {
  map: YAMLMap.Parsed;
  pair?: Pair<unknown, unknown>;
  form: 'absent' | 'empty' | 'scalar' | 'list';
  seq?: YAMLSeq.Parsed;
  items: WrittenName[];
}

export function readDependsOnState(map: YAMLMap.Parsed): DependsOnState {
  const pair = pairOf(map, 'dependsOn');
  const value = pair?.value;
  if (!pair || value === null || value === undefined || (isScalar(value) && value.value === null)) {
    return { map, pair, form: 'absent', items: [] };
  }
  if (isScalar(value)) {
    const name = scalarText(value)?.trim() ?? '';
    if (name === '') return { map, pair, form: 'empty', items: [] };
    return { map, pair, form: 'scalar', items: [{ name, node: value as Scalar.Parsed, index: 0 }] };
  }
  if (isSeq(value)) {
    const seq = value as YAMLSeq.Parsed;
    const items = seq.items.map((item, index) => {
      if (!isScalar(item)) throw new Refusal('a `dependsOn` item is not a plain name');
      return { name: scalarText(item)?.trim() ?? '', node: item as Scalar.Parsed, index };
    });
    return { map, pair, seq, form: items.length === 0 ? 'empty' : 'list', items };
  }
  throw new Refusal(isMap(value) ? '`dependsOn` is a mapping, not a name or a list of names' : '`dependsOn` has a form the designer cannot edit');
}

/**
 * The value of `dependsOn` when it is not written after its key: in a composed pipeline, the value
 * a pipeline (or another template) passes to the template's `${{ parameters.x }}`, written where
 * it is passed — before the template in the composite, or after it when the template was read
 * first for another use. Its pair's lines are the template's; only the value is the use's own.
 */
export function passedValue(state: DependsOnState, text: string): Node | undefined {
  const key = state.pair?.key as Node | undefined;
  const value = state.pair?.value as Node | undefined;
  if (!key?.range || !value?.range) return undefined;
  if (value.range[0] < key.range[1]) return value;
  // Right after its key: only the colon, space, comments, line breaks and the value's own anchor or tag between them.
  return /^[ \t]*:(?:\s|#[^\n]*|[&!]\S*)*$/.test(text.slice(key.range[1], value.range[0])) ? undefined : value;
}

export class DependsOnWriter {
  constructor(
    private readonly splices: Splices,
    private readonly style: FileStyle,
    private readonly level: DependsOnLevel,
  ) {}

  /** Writes the whole value: `[]` (stage) or no entry (job) for none, a name for one, `[A, B]` for more. */
  setNames(state: DependsOnState, names: readonly string[]): void {
    // `dependsOn: ${{ parameters.after }}` given its value where the template is used: written
    // there, a list staying a list (a job with `[]` waits for nothing, as one without); the
    // template's line is every use's.
    const passed = passedValue(state, this.splices.text);
    if (passed) {
      this.writePassed(passed, names.length === 1 && !isSeq(passed) ? renderString(names[0], this.style) : renderInline([...names], this.style));
      return;
    }
    if (names.length === 0 && this.level === 'job') {
      if (state.pair) this.splices.removePair(state.map, state.pair as never);
      return;
    }
    const inline = names.length === 1 ? renderString(names[0], this.style) : renderInline([...names], this.style);
    setInlinePair(this.splices, this.style, state.map, 'dependsOn', inline);
  }

  /**
   * `after: [A, B]` where a use passes the value (a name, a flow or block list): written on the
   * key's line, after its colon — a block list's items may stand at its key's column, where a
   * flow list would be a new key.
   */
  private writePassed(value: Node, inline: string): void {
    const text = this.splices.text;
    let at = value.range![0];
    while (at > 0 && /\s/.test(text[at - 1])) at--;
    if (text[at - 1] !== ':') throw new Refusal('the value passed to the template is not written right after its key; change it in the text');
    this.splices.replace(at, contentEnd(value)!, ` ${inline}`);
  }

  /** Adds one name, keeping the names already written. */
  add(state: DependsOnState, name: string, implicitNames: readonly string[] = []): void {
    switch (state.form) {
      case 'absent':
        this.setNames(state, [...implicitNames, name]);
        return;
      case 'empty':
        if (state.seq?.flow) this.splices.appendSeqItem(state.seq, name);
        else this.setNames(state, [name]);
        return;
      case 'scalar': {
        const only = state.items[0].node;
        const written = this.splices.text.slice(only.range[0], only.range[1]);
        this.splices.replace(only.range[0], only.range[1], `[${written}, ${renderString(name, this.style, undefined, 'flow')}]`);
        return;
      }
      case 'list':
        this.splices.appendSeqItem(state.seq!, name);
        return;
    }
  }

  /** Removes every item naming one of `names`; the last one gone leaves `[]` (stage) or nothing (job). */
  remove(state: DependsOnState, names: ReadonlySet<string>): void {
    const gone = state.items.filter((i) => names.has(i.name));
    if (gone.length === 0) return;
    const kept = state.items.filter((i) => !names.has(i.name));
    if (kept.length === 0) {
      this.setNames(state, []);
      return;
    }
    const seq = state.seq!;
    if (!seq.flow) {
      if (gone.length === 1) removeItem(this.splices, seq, gone[0].index);
      else for (const item of gone) this.splices.removeSeqItem(seq, item.index);
      return;
    }
    if (gone.length === 1) {
      this.splices.removeSeqItem(seq, gone[0].index);
      return;
    }
    // Several items of one flow list: write the kept ones back as they were written.
    const text = this.splices.text;
    const kepts = kept.map((i) => text.slice(i.node.range[0], i.node.range[1]));
    this.splices.replace(seq.range[0], seq.range[1], `[${kepts.join(', ')}]`);
  }

  /**
   * Puts `names` where `name` is written (those not written already): a name becomes the new
   * name or `[A, B]`, a list item `A, B` in its place. With nothing new, `name` just goes.
   */
  replace(state: DependsOnState, name: string, names: readonly string[]): void {
    const written = new Set(state.items.map((i) => i.name));
    const added = names.filter((n, i) => !written.has(n) && names.indexOf(n) === i);
    const at = state.items.filter((i) => i.name === name);
    if (added.length === 0 || at.length === 0) {
      this.remove(state, new Set([name]));
      return;
    }
    if (at.length > 1) throw new Refusal(`"${name}" is listed more than once in \`dependsOn\`; tidy that up in the text first`);
    const node = at[0].node;
    if (state.form === 'scalar') {
      if (added.length === 1) this.splices.replaceScalar(node, added[0]);
      else this.splices.replace(node.range[0], node.range[1], `[${added.map((n) => renderString(n, this.style, node.type, 'flow')).join(', ')}]`);
      return;
    }
    this.splices.replaceSeqItem(state.seq!, at[0].index, added);
  }

  /** Renames every item naming `from`, keeping each item's quoting. */
  rename(state: DependsOnState, from: string, to: string): void {
    for (const item of state.items) if (item.name === from) this.splices.replaceScalar(item.node, to);
  }
}
