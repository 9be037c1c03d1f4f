// The host's side of designer edits, for webview tests: each edit is planned on the text with
// the real engine and answered as the extension answers it (the changed document first, then
// the edit's result), so a test sees what a user would after the host has done its part.
import assert from 'node:assert/strict';
import { planOperation } from '../../src/core/edit/plan';
import { hasSyntaxErrors } from '../../src/core/model';
import type { WebviewToHost } from '../../src/shared/protocol';
import type { DesignerPage } from '../helpers/webviewHarness';

type EditMessage = Extract<WebviewToHost, { type: 'edit' }>;

export interface ApplyingHost {
  /** The text after the edits applied so far. */
  readonly text: string;
  /** Applies `edit` (the page's latest when omitted) and waits until its document is drawn. */
  apply(edit?: EditMessage): Promise<void>;
}

/** `text` is what the page shows as document `version` of `fileName`. */
export function applyingHost(p: DesignerPage, text: string, version: number, fileName: string): ApplyingHost {
  let current = text;
  let shown = version;
  return {
    get text() {
      return current;
    },
    async apply(edit) {
      const edits = (await p.posted()).filter((m): m is EditMessage => m.type === 'edit');
      const answered = edit ?? edits[edits.length - 1];
      assert.ok(answered, 'there is an edit to apply');
      const planned = planOperation(current, answered.operation, { fileName });
      assert.ok(planned.ok, planned.ok ? '' : planned.reason);
      current = planned.text;
      shown++;
      await p.send({ type: 'document', version: shown, fileName, graph: planned.graph, syntaxError: hasSyntaxErrors(planned.graph) });
      await p.send({ type: 'editResult', requestId: answered.requestId, ok: true });
      await p.rendered(shown);
    },
  };
}
