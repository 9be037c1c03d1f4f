// A job's log for an editor tab: GitHub sends ANSI colour codes (and the odd terminal title);
// an editor shows them as garbage, so they go, and the text stays as it was otherwise.

/** CSI sequences (colours, cursor moves) and OSC sequences (titles, links), as terminals read them. */
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}
