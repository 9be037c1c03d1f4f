import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { designerHtml, makeNonce } from '../../src/shared/designerHtml';

const input = {
  cspSource: 'https://webview.example',
  nonce: 'abc123',
  scriptUri: 'https://webview.example/main.js',
  styleUri: 'https://webview.example/main.css',
  codiconsUri: 'https://webview.example/codicons/codicon.css',
  title: 'Designer: <ci>.yml',
};

describe('designerHtml', () => {
  const html = designerHtml(input);
  const csp = /Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';

  it('allows scripts only with the nonce and never inline or eval', () => {
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-abc123'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.ok(scripts.length >= 2);
    for (const s of scripts) assert.match(s, /nonce="abc123"/);
  });

  it('loads styles and fonts only from the webview source', () => {
    assert.match(csp, /style-src https:\/\/webview\.example 'nonce-abc123'/);
    assert.match(csp, /font-src https:\/\/webview\.example/);
  });

  it('escapes the title', () => {
    assert.match(html, /<title>Designer: &lt;ci&gt;\.yml<\/title>/);
  });
});

describe('makeNonce', () => {
  it('makes 32 alphanumeric characters from the random source', () => {
    const nonce = makeNonce((n) => Uint8Array.from({ length: n }, (_, i) => i * 7));
    assert.equal(nonce.length, 32);
    assert.match(nonce, /^[A-Za-z0-9]{32}$/);
    assert.notEqual(nonce, makeNonce((n) => new Uint8Array(n)));
  });
});
