// `pipewright graph` over the whole shared corpus, every dialect, composed as the command line
// composes (default root: the file's folder, as the corpus is no git repository). The corpus holds
// root files only, so most included templates and workflows are missing: a file must still never
// print an empty graph (what it includes is a node marked missing), and the composed graph must
// be well formed, each node placed in its own file. A file that names no other file composes to
// its own graph.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from '../../src/cli/cli';
import { processIo } from '../../src/cli/io';
import { toPublicJson, type PublicGraphJson } from '../../src/core/model';
import { parsePipeline } from '../../src/core/parse';
import { corpusAvailable, corpusEntries, corpusSkipReason } from '../helpers/corpus';

async function graphJson(file: string): Promise<{ code: number; json?: PublicGraphJson }> {
  let out = '';
  const io = { ...processIo(), stdout: (text: string) => void (out += text), stderr: () => {} };
  const code = await runCli(['graph', file, '--json'], io);
  return { code, ...(code === 0 ? { json: JSON.parse(out) as PublicGraphJson } : {}) };
}

describe('pipewright graph over the corpus, composed', { skip: corpusAvailable() ? false : corpusSkipReason }, () => {
  test('no file prints zero nodes; every composed graph is well formed', async () => {
    const empty: string[] = [];
    const changed: string[] = [];
    let printed = 0;
    let compared = 0;
    for (const entry of corpusAvailable() ? corpusEntries() : []) {
      const { code, json } = await graphJson(entry.absolutePath);
      // Exit 2 is a file that is not valid YAML: it prints its errors, not a graph.
      if (code === 2) continue;
      assert.equal(code, 0, entry.file);
      printed++;
      if (json!.nodes.length === 0) empty.push(entry.file);
      const text = readFileSync(entry.absolutePath, 'utf8');
      // A GitLab `spec:` header's input defaults are applied when composing, as GitLab does.
      if (!/template:|extends:|phases:|uses: *\.\/|include:|^spec:/m.test(text)) {
        compared++;
        const alone = parsePipeline(text, { dialect: entry.dialect, fileName: entry.absolutePath });
        if (JSON.stringify(json) !== JSON.stringify(toPublicJson(alone))) changed.push(entry.file);
      }
      const ids = json!.nodes.map((n) => n.id);
      assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], `${entry.file}: node ids must be unique`);
      for (const e of json!.edges) assert.ok(ids.includes(e.to), `${entry.file}: edge into "${e.to}", which is not a node`);
      for (const n of json!.nodes) {
        const lines = readFileSync(n.file === undefined ? entry.absolutePath : join(dirname(entry.absolutePath), n.file), 'utf8').split('\n').length;
        assert.ok(n.range.startLine >= 1 && n.range.endLine <= lines, `${entry.file}: ${n.id} lies outside ${n.file ?? 'the file'}`);
      }
    }
    assert.ok(printed > 200, `only ${printed} files printed a graph`);
    assert.deepEqual(empty, []);
    assert.ok(compared > 50, `only ${compared} files name no other file`);
    assert.deepEqual(changed, []);
  });
});
