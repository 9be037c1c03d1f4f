// Terminal escape sequences in job logs (colours, cursor moves, hyperlinks): a log opened in an
// editor tab shows its text without them. No `vscode` import.

// CSI (ESC [ … final byte), OSC (ESC ] … BEL or ESC \), and two-character escapes (ESC c, ESC =).
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;

export function stripAnsi(text: string): string {
  return text.replace(ESCAPES, '');
}
