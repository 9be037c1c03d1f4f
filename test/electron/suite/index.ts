// The desktop VS Code suite (@vscode/test-electron): the checks of test/vscode/designer.test.ts,
// made through the `vscode` API and the test API the extension returns from activate().
// Runs inside the extension host, so it cannot use node:test (which forks processes without the
// `vscode` module); a small sequential runner writes counts in countReporter.mjs's shape.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';

interface TestApi {
  designerSnapshot(uri: vscode.Uri): { version: number; nodeIds: string[]; edgeCount: number } | undefined;
  /** Resolves with the replies the webview would have received. */
  simulateWebviewMessage(uri: vscode.Uri, message: unknown): Promise<unknown[]>;
}

const EXTENSION_ID = 'pipewright.pipewright';
const WAIT_MS = 30_000;

/** Polls until `probe` returns a value other than undefined; a wait, not a timing assertion. */
async function eventually<T>(what: string, probe: () => T | undefined): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${WAIT_MS / 1000} s waiting for ${what}`);
}

function workflowUri(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the desktop suite needs the fixture workspace open');
  return vscode.Uri.joinPath(folder.uri, '.github', 'workflows', 'pipeline.yml');
}

/** A designer edit as the webview sends it; resolves with the host's editResult. */
async function designerEdit(api: TestApi, document: vscode.TextDocument, requestId: string, operation: unknown): Promise<unknown> {
  const replies = await api.simulateWebviewMessage(document.uri, { type: 'edit', requestId, baseVersion: document.version, operation });
  assert.equal(replies.length, 1, JSON.stringify(replies));
  return replies[0];
}

async function appendToDocument(document: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.insert(document.uri, document.positionAt(document.getText().length), text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'applyEdit refused the edit');
}

export async function run(): Promise<void> {
  const resultsFile = process.env.PIPEWRIGHT_DESKTOP_RESULTS;
  const counts = { passed: 0, failed: 0, skipped: 0, todo: 0, failures: [] as { file: string; name: string; message: string }[] };
  let api: TestApi | undefined;
  let document: vscode.TextDocument | undefined;

  const checks: [string, () => Promise<void>][] = [
    [
      'the extension activates and returns its test API',
      async () => {
        const extension = vscode.extensions.getExtension<TestApi>(EXTENSION_ID);
        assert.ok(extension, `${EXTENSION_ID} is not loaded`);
        api = await extension.activate();
        assert.equal(typeof api?.designerSnapshot, 'function');
        assert.equal(typeof api?.simulateWebviewMessage, 'function');
      },
    ],
    [
      'pipewright.openDesigner draws every job and needs-edge',
      async () => {
        document = await vscode.workspace.openTextDocument(workflowUri());
        await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand('pipewright.openDesigner');
        const snapshot = await eventually('the first render', () => api!.designerSnapshot(document!.uri));
        assert.deepEqual([...snapshot.nodeIds].sort(), ['build', 'deploy', 'test']);
        assert.equal(snapshot.edgeCount, 2);
        // Beside the text: the YAML stays visible.
        assert.ok(vscode.window.visibleTextEditors.some((e) => e.document === document));
      },
    ],
    [
      'a job added to the YAML appears with its edge',
      async () => {
        await appendToDocument(document!, '\n  smoke:\n    needs: [deploy]\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./smoke.sh\n');
        const snapshot = await eventually('a render that includes smoke', () => {
          const s = api!.designerSnapshot(document!.uri);
          return s?.nodeIds.includes('smoke') ? s : undefined;
        });
        assert.deepEqual([...snapshot.nodeIds].sort(), ['build', 'deploy', 'smoke', 'test']);
        assert.equal(snapshot.edgeCount, 3);
      },
    ],
    [
      'selecting a node selects that job in the text editor',
      async () => {
        await api!.simulateWebviewMessage(document!.uri, { type: 'selectNode', nodeId: 'test' });
        const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
        assert.ok(editor, 'no text editor shows the workflow');
        const selected = document!.getText(editor.selection);
        assert.match(selected, /^test:\s*\n\s+needs: build/);
        assert.doesNotMatch(selected, /deploy:/);
      },
    ],
    [
      'a designer edit changes only its own bytes, as one undo step',
      async () => {
        const before = document!.getText();
        assert.ok(before.includes('    needs: [deploy]\n'), 'the smoke job added above is there');
        assert.deepEqual(await designerEdit(api!, document!, 'd1', { op: 'addDependency', stage: 'smoke', dependsOn: 'test' }), {
          type: 'editResult',
          requestId: 'd1',
          ok: true,
        });
        const changed = before.replace('    needs: [deploy]\n', '    needs: [deploy, test]\n');
        assert.equal(document!.getText(), changed);
        assert.ok(document!.isDirty, 'the designer does not save');
        await eventually('a render with the new edge', () => (api!.designerSnapshot(document!.uri)?.edgeCount === 4 ? true : undefined));
        // Undo with the designer (the second editor group) active, as Ctrl+Z there does.
        await vscode.commands.executeCommand('workbench.action.focusSecondEditorGroup');
        await vscode.commands.executeCommand('undo');
        assert.equal(document!.getText(), before);
        await vscode.commands.executeCommand('redo');
        assert.equal(document!.getText(), changed);
        await vscode.commands.executeCommand('undo');
        assert.equal(document!.getText(), before);
      },
    ],
    [
      'a refused designer edit says why and changes nothing',
      async () => {
        const before = document!.getText();
        const reply = (await designerEdit(api!, document!, 'd2', { op: 'addDependency', stage: 'build', dependsOn: 'smoke' })) as {
          ok: boolean;
          reason?: string;
        };
        assert.equal(reply.ok, false);
        assert.match(reply.reason ?? '', /cycle/);
        assert.equal(document!.getText(), before);
      },
    ],
    [
      'edits planned while the text changes lose neither the edits nor the typing',
      async () => {
        const before = document!.getText();
        const baseVersion = document!.version;
        // Three designer edits, all made on the same graph, and keystroke-sized changes between.
        const edits = [
          { op: 'removeDependency', stage: 'deploy', dependsOn: 'test' },
          { op: 'deleteStage', stage: 'smoke' },
          { op: 'renameStage', stage: 'build', newId: 'compile' },
        ].map((operation, i) =>
          api!.simulateWebviewMessage(document!.uri, { type: 'edit', requestId: `b${i}`, baseVersion, operation }),
        );
        const typed = '# typed\n';
        for (const ch of typed) {
          const keystroke = new vscode.WorkspaceEdit();
          keystroke.insert(document!.uri, document!.positionAt(document!.getText().indexOf('name: Pipeline')), ch);
          await vscode.workspace.applyEdit(keystroke);
        }
        const replies = (await Promise.all(edits)).map((r) => r[0] as { ok: boolean; reason?: string });
        const text = document!.getText();
        assert.ok(text.includes(`${typed}name: Pipeline`), text);
        const [unlinked, deleted, renamed] = replies;
        assert.equal(text.includes('  deploy:\n    needs: test\n'), !unlinked.ok, JSON.stringify(unlinked));
        assert.equal(text.includes('  smoke:'), !deleted.ok, JSON.stringify(deleted));
        assert.equal(text.includes('  compile:'), renamed.ok, JSON.stringify(renamed));
        for (const r of replies) if (!r.ok) assert.match(r.reason ?? '', /\S/);
        // Back to where the checks below expect the document.
        const restore = new vscode.WorkspaceEdit();
        restore.replace(document!.uri, new vscode.Range(document!.positionAt(0), document!.positionAt(text.length)), before);
        assert.ok(await vscode.workspace.applyEdit(restore));
      },
    ],
    [
      'broken YAML keeps the last graph',
      async () => {
        await appendToDocument(document!, '  broken: [unclosed');
        const brokenVersion = document!.version;
        const snapshot = await eventually('a render of the broken document', () => {
          const s = api!.designerSnapshot(document!.uri);
          return s && s.version >= brokenVersion ? s : undefined;
        });
        assert.deepEqual([...snapshot.nodeIds].sort(), ['build', 'deploy', 'smoke', 'test']);
      },
    ],
  ];

  for (const [name, check] of checks) {
    try {
      await check();
      counts.passed += 1;
      console.log(`  ✔ ${name}`);
    } catch (e) {
      counts.failed += 1;
      const message = e instanceof Error ? e.message : String(e);
      counts.failures.push({ file: 'test/electron/suite/index.ts', name, message: message.split('\n')[0] });
      console.log(`  ✖ ${name}\n    ${message.replace(/\n/g, '\n    ')}`);
    }
  }
  // Leave the window clean for VS Code's shutdown: no "save changes?" prompt.
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor').then(undefined, () => undefined);
  if (resultsFile) writeFileSync(resultsFile, `${JSON.stringify(counts)}\n`);
  if (counts.failed > 0) throw new Error(`${counts.failed} of ${checks.length} desktop checks failed`);
}
