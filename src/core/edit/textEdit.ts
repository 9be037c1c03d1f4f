// A text edit is a byte-range splice: the only way the designer changes a file.

export interface TextEdit {
  /** UTF-16 offset into the original text. */
  offset: number;
  /** Characters of the original text replaced. */
  length: number;
  text: string;
}

/** Apply non-overlapping edits, all expressed against the original text. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset || a.length - b.length);
  let out = '';
  let cursor = 0;
  for (const e of sorted) {
    if (e.offset < cursor) throw new Error(`overlapping edits at offset ${e.offset}`);
    if (e.offset + e.length > text.length) throw new Error(`edit at ${e.offset}+${e.length} runs past the end of the text`);
    out += text.slice(cursor, e.offset) + e.text;
    cursor = e.offset + e.length;
  }
  return out + text.slice(cursor);
}
