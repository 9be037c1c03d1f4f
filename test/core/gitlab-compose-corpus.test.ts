// Composition over the shared corpus's GitLab files. The corpus holds root files only, so their
// local includes are missing: composing must still draw every file (a missing include is a node)
// and must not change the graph of a file that includes nothing and takes no inputs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { composeGitlabGraph } from '../../src/core/dialects/gitlab/compose/compose';
import { hasSyntaxErrors, toPublicJson } from '../../src/core/model';
import { parsePipeline } from '../../src/core/parse';
import { corpusAvailable, corpusEntries, corpusSkipReason } from '../helpers/corpus';

describe('composing the corpus GitLab files', { skip: corpusAvailable() ? false : corpusSkipReason }, () => {
  const entries = corpusAvailable() ? corpusEntries().filter((e) => e.dialect === 'gitlab') : [];

  test('no file draws an empty graph; files without include: or inputs are unchanged', () => {
    const empty: string[] = [];
    const changed: string[] = [];
    let wereEmpty = 0;
    for (const entry of entries) {
      const text = readFileSync(entry.absolutePath, 'utf8');
      const alone = parsePipeline(text, { dialect: 'gitlab', fileName: entry.path });
      if (hasSyntaxErrors(alone)) continue;
      const project = { readFile: (p: string) => (p === entry.path ? text : undefined), listFiles: () => [entry.path] };
      const composed = composeGitlabGraph(entry.path, text, project);
      if (alone.nodes.length === 0) wereEmpty++;
      if (composed.nodes.length === 0) empty.push(entry.file);
      const includes = alone.fileMarks.some((m) => m.mark === 'include');
      // A `spec:` header's input defaults are applied when composing, as GitLab applies them.
      const takesInputs = /^spec:/m.test(text);
      if (!includes && !takesInputs && JSON.stringify(toPublicJson(alone)) !== JSON.stringify(toPublicJson(composed))) changed.push(entry.file);
    }
    assert.ok(wereEmpty > 0, 'the corpus has GitLab files that draw nothing alone');
    assert.deepEqual(empty, []);
    assert.deepEqual(changed, []);
  });
});
