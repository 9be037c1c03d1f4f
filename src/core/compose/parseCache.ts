// Parses kept from one composition to the next. The designer composes a pipeline again after
// every typing pause and whenever a file it read changes; most of its files are then unchanged,
// and parsing them is most of the cost of composing. A file whose text is the same is not parsed
// again.
//
// A composition moves a file's node ranges in place to the file's place in the composite text
// (CompositeFiles.add). A kept parse therefore carries the shift its nodes are at, and lending it
// at another place moves them by the difference only: nothing at all when the files before it
// kept their lengths, one walk of its nodes when they did not (far cheaper than a parse).
import type { YamlSource } from '../yaml/source';
import { parseYamlSource } from '../yaml/source';
import { shiftRanges } from './compositeSource';

interface Kept {
  text: string;
  src: YamlSource;
  /** What every node range of `src` is moved by, from the file's own offsets. */
  shift: number;
  /** The caller's own parse (the document's): its ranges are never moved. */
  pinned: boolean;
}

export class ParseCache {
  private readonly kept = new Map<string, Kept>();
  private readonly lent = new Set<string>();

  /**
   * `src`, the caller's parse of `text` (parseYamlSource's, ranges unmoved), stands for the file
   * at `path`: the document on screen, which the designer has parsed already.
   */
  keep(path: string, text: string, src: YamlSource): void {
    this.kept.set(path, { text, src, shift: 0, pinned: true });
  }

  /** The parse of `text` as the file at `path`, its node ranges moved by `base`. */
  lend(path: string, text: string, base: number): YamlSource {
    this.lent.add(path);
    let kept = this.kept.get(path);
    if (kept?.pinned && kept.text === text && base !== 0) {
      // The caller still reads its parse at its own offsets: moving it would move them under it.
      return shifted(parseYamlSource(text), base);
    }
    if (kept === undefined || kept.text !== text) {
      kept = { text, src: parseYamlSource(text), shift: 0, pinned: false };
      this.kept.set(path, kept);
    }
    if (kept.shift !== base) {
      shiftRanges(kept.src, base - kept.shift);
      kept.shift = base;
    }
    return kept.src;
  }

  /** Forgets the files not lent since the last sweep: the next composition reads the same files or others. */
  sweep(): void {
    for (const path of this.kept.keys()) if (!this.lent.has(path)) this.kept.delete(path);
    this.lent.clear();
  }
}

function shifted(src: YamlSource, by: number): YamlSource {
  if (by !== 0) shiftRanges(src, by);
  return src;
}
