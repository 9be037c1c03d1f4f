// addDispatchTrigger: `workflow_dispatch` added to `on:` in each form it is written, changing only
// the `on:` lines, and refused (changing nothing) where it cannot be done or is not needed. Over
// the corpus: every GitHub workflow either gains the trigger with a diff confined to its `on:`
// entry, or is refused with a reason.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseOperation } from '../../src/core/edit/operations';
import { planOperation } from '../../src/core/edit/plan';
import { hasSyntaxErrors } from '../../src/core/model';
import { parsePipeline } from '../../src/core/parse';
import { readDispatchTrigger } from '../../src/core/workflowDispatch';
import { pairOf, pairSpan, parseYamlSource, rootMap } from '../../src/core/yaml/source';
import { describeOperation } from '../../src/shared/describeOperation';
import { corpusAvailable, corpusEntries, corpusSkipReason } from '../helpers/corpus';
import { diffLines } from '../helpers/lineDiff';

const OP = { op: 'addDispatchTrigger' } as const;
const JOBS = 'jobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n';

function added(text: string, dialect: 'github' | 'gitlab' | 'azure' = 'github'): string {
  const r = planOperation(text, OP, { dialect });
  assert.ok(r.ok, r.ok ? '' : r.reason);
  return r.text;
}

function refusal(text: string, dialect: 'github' | 'gitlab' | 'azure' = 'github'): string {
  const r = planOperation(text, OP, { dialect });
  assert.equal(r.ok, false, `expected a refusal for:\n${text}`);
  return r.ok ? '' : r.reason;
}

describe('addDispatchTrigger', () => {
  test('a single event becomes a flow list, keeping its quotes', () => {
    assert.equal(added(`on: push   # every push\n${JOBS}`), `on: [push, workflow_dispatch]   # every push\n${JOBS}`);
    assert.equal(added(`on: 'push'\n${JOBS}`), `on: ['push', workflow_dispatch]\n${JOBS}`);
  });

  test('a flow list gets one more item', () => {
    assert.equal(added(`on: [push, pull_request]\n${JOBS}`), `on: [push, pull_request, workflow_dispatch]\n${JOBS}`);
  });

  test('a block list gets one more line at its dash column', () => {
    assert.equal(added(`on:\n    - push\n    - pull_request\n\n${JOBS}`), `on:\n    - push\n    - pull_request\n    - workflow_dispatch\n\n${JOBS}`);
  });

  test('a block mapping gets `workflow_dispatch:` after the last event and the comments inside it', () => {
    const before = 'name: CI\non:\n  push:\n    branches: [main]\n  pull_request:\n    paths:\n      - src/**\n      # docs do not build\n\n# the jobs\n' + JOBS;
    const after = 'name: CI\non:\n  push:\n    branches: [main]\n  pull_request:\n    paths:\n      - src/**\n      # docs do not build\n  workflow_dispatch:\n\n# the jobs\n' + JOBS;
    assert.equal(added(before), after);
  });

  test('a flow mapping gets one more entry', () => {
    assert.equal(added(`on: {push: {branches: [main]}}\n${JOBS}`), `on: {push: {branches: [main]}, workflow_dispatch: null}\n${JOBS}`);
  });

  test('CRLF line endings and a file without a final line break stay as they were', () => {
    const crlf = (t: string) => t.replace(/\n/g, '\r\n');
    assert.equal(added(crlf(`on:\n  push:\n${JOBS}`)), crlf(`on:\n  push:\n  workflow_dispatch:\n${JOBS}`));
    const tail = `${JOBS}on:\n  push:\n    branches: [main]`;
    assert.equal(added(tail), `${tail}\n  workflow_dispatch:`);
  });

  test('the result reads back with the trigger, and the graph is unchanged', () => {
    const text = added(`on:\n  push:\n${JOBS}`);
    assert.deepEqual(readDispatchTrigger(text), { kind: 'present', inputs: [], problems: [] });
    assert.deepEqual(parsePipeline(text).nodes.map((n) => n.id), ['build']);
  });

  test('refused, with the reason, where it is not needed or cannot be done safely', () => {
    assert.match(refusal(`on: [push, workflow_dispatch]\n${JOBS}`), /already be started by hand/);
    assert.match(refusal(`name: CI\n${JOBS}`), /has no `on:`/);
    assert.match(refusal(`x: &events [push]\non: *events\n${JOBS}`), /`on:` is an alias \(line 2\)/);
    assert.match(refusal(`on:\n${JOBS}`), /names no event/);
    assert.match(refusal('stages: [build]\nbuild:\n  script: make\n', 'gitlab'), /GitLab pipeline can be run by hand without a trigger/);
    assert.match(refusal('trigger: [main]\nsteps:\n  - script: make\n', 'azure'), /Azure pipeline can be run by hand/);
  });

  test('the operation parses from JSON and is described for the log', () => {
    assert.deepEqual(parseOperation({ op: 'addDispatchTrigger' }), { ok: true, value: OP });
    assert.equal(describeOperation(OP), 'let the workflow be run by hand (workflow_dispatch)');
  });

  test('the corpus: each workflow gains the trigger within its `on:` lines, or is refused with a reason', { skip: !corpusAvailable() && corpusSkipReason }, (t) => {
    const tally = new Map<string, number>();
    for (const entry of corpusEntries().filter((e) => e.dialect === 'github')) {
      const text = readFileSync(entry.absolutePath, 'utf8');
      if (hasSyntaxErrors(parsePipeline(text, { dialect: 'github' }))) continue;
      const r = planOperation(text, OP, { dialect: 'github' });
      if (!r.ok) {
        const reason = r.reason.replace(/\(line \d+\)/, '(line N)');
        tally.set(reason, (tally.get(reason) ?? 0) + 1);
        continue;
      }
      tally.set('added', (tally.get('added') ?? 0) + 1);
      const src = parseYamlSource(text);
      const on = pairOf(rootMap(src), 'on')!;
      const { range } = pairSpan(src, on);
      for (const h of diffLines(text, r.text)) {
        // Changed lines lie inside `on:`; inserted ones right after one of its lines.
        const first = h.oldStart + 1;
        const last = h.oldEnd === h.oldStart ? h.oldStart : h.oldEnd;
        assert.ok(first >= range.startLine && last <= range.endLine + 1, `${entry.file}: lines ${first}-${last} changed outside on: (${range.startLine}-${range.endLine})`);
      }
      assert.equal(readDispatchTrigger(r.text).kind, 'present', entry.file);
    }
    assert.ok((tally.get('added') ?? 0) >= 20, `too few workflows gained the trigger: ${JSON.stringify([...tally])}`);
    t.diagnostic(JSON.stringify([...tally]));
  });
});
