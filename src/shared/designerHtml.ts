// The designer webview's HTML. Pure, so that the host and the headless-browser tests serve the
// same page under the same Content Security Policy.

export interface DesignerHtmlInput {
  /** The webview's `cspSource` (in tests: the origin that serves dist/webview). */
  cspSource: string;
  /** A fresh random nonce per page load. */
  nonce: string;
  /** URIs (as strings) of the bundle files under dist/webview. */
  scriptUri: string;
  styleUri: string;
  codiconsUri: string;
  title: string;
}

export function designerHtml(i: DesignerHtmlInput): string {
  // Scripts run only with the nonce; styles come from our own files, and the nonce covers the
  // style elements Lit adds when a browser lacks constructable stylesheets. No 'unsafe-inline'.
  const csp = [
    "default-src 'none'",
    `img-src ${i.cspSource} data:`,
    `font-src ${i.cspSource}`,
    `style-src ${i.cspSource} 'nonce-${i.nonce}'`,
    `script-src 'nonce-${i.nonce}'`,
    `worker-src ${i.cspSource} blob:`,
    // The layout worker's bundle is fetched (a worker from a resource URI would be cross-origin).
    `connect-src ${i.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(i.codiconsUri)}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${escapeAttr(i.styleUri)}">
<title>${escapeText(i.title)}</title>
</head>
<body>
<div id="root" data-nonce="${escapeAttr(i.nonce)}"></div>
<script nonce="${escapeAttr(i.nonce)}">window.litNonce = ${JSON.stringify(i.nonce)};</script>
<script nonce="${escapeAttr(i.nonce)}" src="${escapeAttr(i.scriptUri)}"></script>
</body>
</html>`;
}

/** 32 random characters from a CSPRNG, for the CSP nonce. */
export function makeNonce(random: (n: number) => Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(random(32), (b) => alphabet[b % alphabet.length]).join('');
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
