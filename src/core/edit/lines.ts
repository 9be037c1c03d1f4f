// Line arithmetic on raw text. Block YAML is edited in whole lines, so these find line edges
// around offsets without caring whether the file uses LF or CRLF.

/** Offset of the first character of the line holding `offset`. */
export function lineStart(text: string, offset: number): number {
  // lastIndexOf clamps a negative start to 0, where a leading line break would be found.
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just past the line break ending the line holding `offset` (or the end of the text). */
export function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** Offset of the line break (\r\n or \n) ending the line holding `offset`, or the end of the text. */
export function lineContentEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  if (nl < 0) return text.length;
  return nl > 0 && text[nl - 1] === '\r' ? nl - 1 : nl;
}

/** Column (0-based) of an offset within its line. */
export function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** The last offset before `end` that is not white space or a line break (for value ends). */
export function contentEndBefore(text: string, end: number): number {
  let e = Math.min(end, text.length);
  while (e > 0 && /[\s]/.test(text[e - 1])) e--;
  return e;
}

/** True when only spaces stand between the start of the line and `offset`. */
export function startsItsLine(text: string, offset: number): boolean {
  for (let i = lineStart(text, offset); i < offset; i++) if (text[i] !== ' ') return false;
  return true;
}
