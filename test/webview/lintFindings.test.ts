// Deployment-practice findings in the designer, in headless Chromium: a badge on each node with
// findings (count, worst severity), the inspector's list with the fix button, which posts
// `applyFix` naming the finding, and a refusal's reason shown as a notice.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parsePipelineFully } from '../../src/core/edit/plan';
import { hasSyntaxErrors } from '../../src/core/model';
import { lintPipeline } from '../../src/core/rules/engine';
import type { DesignerFinding, HostToWebview, WebviewToHost } from '../../src/shared/protocol';
import { startWebviewHarness, type WebviewHarness } from '../helpers/webviewHarness';
import { zoomOutToShowAll } from '../helpers/zoomOutToShowAll';

const WORKFLOW = [
  'on: push',
  'permissions: {}',
  'jobs:',
  '  test:',
  '    runs-on: ubuntu-latest',
  '    steps: [{run: make test}]',
  '  deploy-prod:',
  '    runs-on: ubuntu-latest',
  '    needs: test',
  '    steps: [{run: kubectl apply -f k8s}]',
  '',
].join('\n');

function messages(version: number): HostToWebview[] {
  const parsed = parsePipelineFully(WORKFLOW, { dialect: 'github' });
  const findings: DesignerFinding[] = lintPipeline(parsed).map((f) => ({
    rule: f.code,
    severity: f.severity,
    message: f.message,
    line: f.range.startLine,
    column: f.range.startColumn,
    ...(f.node ? { node: f.node } : {}),
    ...(f.fix ? { fix: f.fix.title } : {}),
  }));
  return [
    { type: 'document', version, fileName: 'release.yml', graph: parsed.graph, syntaxError: hasSyntaxErrors(parsed.graph) },
    { type: 'findings', version, findings },
  ];
}

const badge = (id: string) => `.react-flow__node[data-id="${id}"] .pw-lint-badge`;

describe('lint findings in the designer', () => {
  let harness: WebviewHarness;
  before(async () => {
    harness = await startWebviewHarness();
  });
  after(async () => {
    await harness?.close();
  });

  it('badges the node with the count and the worst severity; none on a clean node', async () => {
    const p = await harness.openPage({ height: 900 });
    for (const m of messages(1)) await p.send(m);
    await p.rendered(1);
    await p.page.waitForSelector(badge('deploy-prod'));
    const expected = messages(1)[1] as Extract<HostToWebview, { type: 'findings' }>;
    const onDeploy = expected.findings.filter((f) => f.node === 'deploy-prod');
    assert.equal(await p.page.textContent(`${badge('deploy-prod')} .pw-lint-count`), String(onDeploy.length));
    assert.match((await p.page.getAttribute(badge('deploy-prod'), 'class')) ?? '', /pw-lint-error/);
    assert.match((await p.page.getAttribute(badge('deploy-prod'), 'aria-label')) ?? '', /1 error/);
    assert.equal(await p.page.locator(badge('test')).count(), 0);
    assert.deepEqual(p.errors, []);
    await p.page.close();
  });

  it('findings of another version are not drawn on this graph', async () => {
    const p = await harness.openPage({ height: 900 });
    const [document, findings] = messages(2);
    await p.send(document);
    await p.send({ ...(findings as Extract<HostToWebview, { type: 'findings' }>), version: 1 });
    await p.rendered(2);
    assert.equal(await p.page.locator('.pw-lint-badge').count(), 0);
    await p.page.close();
  });

  /** A page showing version `version` with the inspector open on deploy-prod. */
  async function inspectDeploy(version: number) {
    const p = await harness.openPage({ height: 1000 });
    for (const m of messages(version)) await p.send(m);
    await p.rendered(version);
    await zoomOutToShowAll(p.page);
    await p.page.click('.react-flow__node[data-id="deploy-prod"]');
    await p.page.click('.pw-inspector-toggle');
    return p;
  }

  it('lists them in the inspector; the fix button posts applyFix with the finding\'s index and version', async () => {
    const p = await inspectDeploy(3);
    await p.page.waitForSelector('.pw-findings');
    const rows = await p.page.$$eval('.pw-finding-message', (els) => els.map((e) => e.textContent ?? ''));
    assert.ok(rows.some((r) => /deploys to production with no approval gate/.test(r)), rows.join('\n'));
    const expected = (messages(3)[1] as Extract<HostToWebview, { type: 'findings' }>).findings;
    const gateIndex = expected.findIndex((f) => f.rule === 'production-deploy-ungated');
    await p.page.locator('.pw-finding-fix', { hasText: 'Insert an approval gate before "deploy-prod"' }).click();
    await p.page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'applyFix'));
    const posted = (await p.posted()).find((m): m is Extract<WebviewToHost, { type: 'applyFix' }> => m.type === 'applyFix')!;
    assert.equal(posted.version, 3);
    assert.equal(posted.index, gateIndex);
    await p.send({ type: 'editResult', requestId: posted.requestId, ok: false, reason: "can't apply this fix: because" });
    await p.page.waitForSelector('.pw-edit-notice, [role="alert"]');
    assert.match((await p.page.textContent('body')) ?? '', /can't apply this fix: because/);
    await p.page.close();
  });

  it('a fix the person cancelled (a declined sign-in, a cancelled request) is announced, with no notice', async () => {
    const p = await inspectDeploy(4);
    const title = 'Insert an approval gate before "deploy-prod"';
    await p.page.locator('.pw-finding-fix', { hasText: title }).click();
    await p.page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'applyFix'));
    const posted = (await p.posted()).find((m): m is Extract<WebviewToHost, { type: 'applyFix' }> => m.type === 'applyFix')!;
    await p.send({ type: 'editResult', requestId: posted.requestId, ok: false, reason: 'pinning was cancelled', cancelled: true });
    await p.page.locator('.pw-live-region', { hasText: `Cancelled: ${title}.` }).waitFor({ state: 'attached' });
    assert.equal(await p.page.locator('.pw-edit-notice, [role="alert"]').count(), 0);
    assert.doesNotMatch((await p.page.textContent('body')) ?? '', /pinning was cancelled/);
    await p.page.close();
  });
});
