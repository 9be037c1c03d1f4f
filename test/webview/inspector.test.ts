// The inspector side panel in headless Chromium: it shows the selected node's values, sends one
// setProperty (or renameStage) per committed change and nothing while typing, keeps invalid input
// to itself with a message beside the field, explains read-only stages, and stays open across a
// reload.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { hasSyntaxErrors, type PipelineGraph } from '../../src/core/model';
import type { EditOperation } from '../../src/core/edit/operations';
import type { HostToWebview, WebviewToHost } from '../../src/shared/protocol';
import { zoomOutToShowAll } from '../helpers/zoomOutToShowAll';
import { startWebviewHarness, type DesignerPage, type WebviewHarness } from '../helpers/webviewHarness';
import { parsePipeline } from '../../src/core/parse';
import { applyingHost } from './applyingHost';
import { parsePipelineFully } from '../../src/core/edit/plan';
import { previewEdit } from '../../src/shared/previewEdit';
import { AZURE_PIPELINE, GITHUB_RELEASE, GITLAB_PIPELINE, azurePipeline, githubRelease, gitlabPipeline } from './pipelineYaml';

function documentMessage(version: number, graph: PipelineGraph): HostToWebview {
  return { type: 'document', version, fileName: 'pipeline.yml', graph, syntaxError: hasSyntaxErrors(graph) };
}

const nodeSelector = (id: string) => `.react-flow__node[data-id="${id}"]`;
const field = (name: string) => `#pw-inspector-${name}`;

async function editOperations(p: DesignerPage): Promise<EditOperation[]> {
  return (await p.posted()).filter((m): m is Extract<WebviewToHost, { type: 'edit' }> => m.type === 'edit').map((m) => m.operation);
}

async function waitForEditCount(p: DesignerPage, count: number): Promise<EditOperation[]> {
  await p.page.waitForFunction(
    (n) => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'edit').length >= n,
    count,
  );
  return editOperations(p);
}

/** The value each inspector control shows, by field name. */
async function shownValues(page: Page): Promise<Record<string, string>> {
  return page.$$eval('.pw-inspector-control', (els) =>
    Object.fromEntries(els.map((el) => [el.id.replace('pw-inspector-', ''), (el as unknown as { value: string }).value])),
  );
}

async function isDisabled(page: Page, name: string): Promise<boolean> {
  return page.$eval(field(name), (el) => (el as unknown as { disabled: boolean }).disabled);
}

/** Types into a text field (replacing its text) without committing. */
async function type(page: Page, name: string, text: string): Promise<void> {
  await page.locator(`${field(name)} input, ${field(name)} textarea`).fill(text);
}

async function press(page: Page, name: string, key: string): Promise<void> {
  await page.locator(`${field(name)} input, ${field(name)} textarea`).press(key);
}

/** Picks an option of a select the way a user does: open it, click the option. */
async function choose(page: Page, name: string, option: string): Promise<void> {
  await page.click(field(name));
  await page.locator(field(name)).locator('li[role="option"]', { hasText: option }).click();
}

async function message(page: Page, name: string): Promise<string | undefined> {
  const locator = page.locator(`${field(name)}-message`);
  return (await locator.count()) > 0 ? ((await locator.textContent()) ?? '') : undefined;
}

/** Where each inspector note matching `text` is drawn: under a group's title, or under a field. */
async function notesMatching(page: Page, text: RegExp): Promise<string[]> {
  const notes = await page.$$eval('.pw-inspector .pw-inspector-reason', (els) =>
    els.map((el) => ({ text: el.textContent ?? '', group: el.classList.contains('pw-inspector-group-note') })),
  );
  return notes.filter((n) => text.test(n.text)).map((n) => (n.group ? 'group' : 'field'));
}

async function placeholderOf(page: Page, name: string): Promise<string> {
  return page.$eval(field(name), (el) => (el as unknown as { placeholder?: string }).placeholder ?? '');
}

async function assertClean(p: DesignerPage): Promise<void> {
  assert.deepEqual(await p.cspViolations(), []);
  assert.deepEqual(p.errors, []);
}

describe('inspector', () => {
  let harness: WebviewHarness;
  before(async () => {
    harness = await startWebviewHarness();
  });
  after(async () => {
    await harness?.close();
  });

  /** A page showing `graph`, with `nodeId` selected by a click and the inspector opened. */
  async function inspect(graph: PipelineGraph, nodeId: string): Promise<DesignerPage> {
    const p = await harness.openPage({ height: 1000 });
    await p.send(documentMessage(1, graph));
    await p.rendered(1);
    // Tests click other nodes later: have them all on screen, beside the open inspector too.
    await zoomOutToShowAll(p.page);
    await p.page.click(nodeSelector(nodeId));
    await p.page.click('.pw-inspector-toggle');
    await p.page.waitForSelector(field('id'));
    await zoomOutToShowAll(p.page);
    return p;
  }

  it('shows the selected node\'s values, and follows the selection', async () => {
    const p = await inspect(githubRelease(), 'deploy-staging');
    assert.equal(await p.page.getAttribute('.pw-inspector', 'role'), 'complementary');
    assert.equal(await p.page.getAttribute('.pw-inspector', 'aria-label'), 'Inspector: Deploy to staging');
    assert.deepEqual(await shownValues(p.page), {
      id: 'deploy-staging',
      name: 'Deploy to staging',
      runner: 'ubuntu-latest',
      environment: 'staging',
      'environment-url': 'https://staging.example.com',
      gate: 'none',
      strategy: 'none',
      condition: '',
      timeout: '',
    });
    // GitHub has no strategy key: disabled, with the reason beside it.
    assert.equal(await isDisabled(p.page, 'strategy'), true);
    assert.match((await p.page.locator(field('strategy')).locator('xpath=..').textContent()) ?? '', /GitHub Actions has no strategy setting/);

    await p.page.click(nodeSelector('rollback'));
    await p.page.waitForFunction(() => (document.querySelector('#pw-inspector-id') as unknown as { value: string }).value === 'rollback');
    const rollback = await shownValues(p.page);
    assert.equal(rollback.condition, 'failure()');
    assert.equal(rollback.name, '', 'no name of its own: the field is empty and the id is used');
    assert.equal(await editOperations(p).then((l) => l.length), 0);
    await assertClean(p);
    await p.page.close();
  });

  it('posts one setProperty per committed field (Enter or leaving it), nothing while typing', async () => {
    const p = await inspect(githubRelease(), 'deploy-staging');
    const { page } = p;
    const stage = 'deploy-staging';

    await type(page, 'name', 'Stage deploy');
    assert.equal((await editOperations(p)).length, 0, 'typing posts nothing');
    await press(page, 'name', 'Enter');
    await waitForEditCount(p, 1);

    await type(page, 'runner', 'self-hosted');
    assert.equal((await editOperations(p)).length, 1);
    await press(page, 'runner', 'Tab');
    await waitForEditCount(p, 2);

    await type(page, 'environment', 'qa');
    await press(page, 'environment', 'Enter');
    await waitForEditCount(p, 3);
    await type(page, 'environment-url', 'https://qa.example.com');
    await press(page, 'environment-url', 'Enter');
    await waitForEditCount(p, 4);

    await type(page, 'condition', "github.ref == 'refs/heads/main'");
    await press(page, 'condition', 'Enter');
    await waitForEditCount(p, 5);
    await type(page, 'timeout', '30');
    await press(page, 'timeout', 'Enter');
    // Leaving the field after Enter does not send the same value again.
    await press(page, 'timeout', 'Tab');
    await waitForEditCount(p, 6);

    await choose(page, 'gate', 'Manual approval');
    await waitForEditCount(p, 7);
    await choose(page, 'gate', 'Named approvers');
    assert.equal(await message(page, 'gate-approvers'), 'Name at least one approver.');
    assert.equal((await editOperations(p)).length, 7, 'no approvers gate without approvers');
    await type(page, 'gate-approvers', 'alice, bob');
    await press(page, 'gate-approvers', 'Enter');
    await waitForEditCount(p, 8);
    await type(page, 'gate-instructions', 'Check staging first');
    await press(page, 'gate-instructions', 'Tab');
    await waitForEditCount(p, 9);

    await type(page, 'id', 'stage-deploy');
    await press(page, 'id', 'Enter');
    const operations = await waitForEditCount(p, 10);

    assert.deepEqual(operations, [
      { op: 'setProperty', stage, property: 'name', value: 'Stage deploy' },
      { op: 'setProperty', stage, property: 'runner', value: 'self-hosted' },
      { op: 'setProperty', stage, property: 'environment', value: { name: 'qa', url: 'https://staging.example.com' } },
      { op: 'setProperty', stage, property: 'environment', value: { name: 'qa', url: 'https://qa.example.com' } },
      { op: 'setProperty', stage, property: 'condition', value: "github.ref == 'refs/heads/main'" },
      { op: 'setProperty', stage, property: 'timeout', value: 30 },
      { op: 'setProperty', stage, property: 'gate', value: { kind: 'manual' } },
      { op: 'setProperty', stage, property: 'gate', value: { kind: 'approvers', approvers: ['alice', 'bob'] } },
      { op: 'setProperty', stage, property: 'gate', value: { kind: 'approvers', approvers: ['alice', 'bob'], instructions: 'Check staging first' } },
      { op: 'renameStage', stage, newId: 'stage-deploy' },
    ]);
    // Every edit carries the version it was made on; the graph itself waits for the host.
    assert.ok((await p.posted()).filter((m) => m.type === 'edit').every((m) => m.type === 'edit' && m.baseVersion === 1));
    await assertClean(p);
    await page.close();
  });

  it('issue #10: a new id typed (not committed) asks the host what the rename would do and says it under the field', async () => {
    const p = await inspect(githubRelease(), 'deploy-staging');
    const { page } = p;
    await type(page, 'id', 'staging');
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'previewEdit'));
    const asked = (await p.posted()).filter((m): m is Extract<WebviewToHost, { type: 'previewEdit' }> => m.type === 'previewEdit');
    assert.deepEqual(asked.map((m) => m.operation), [{ op: 'renameStage', stage: 'deploy-staging', newId: 'staging' }]);
    // Answered as the host does: planned on the text shown, not applied.
    const preview = previewEdit(parsePipelineFully(GITHUB_RELEASE, { fileName: '.github/workflows/release.yml' }), asked[0].operation);
    assert.deepEqual(preview, { ok: true, summary: 'renames 1 reference' });
    await p.send({ type: 'editPreview', requestId: asked[0].requestId, ...preview });
    await page.waitForSelector(`${field('id')}-note`);
    assert.equal(await page.textContent(`${field('id')}-note`), 'Renames 1 reference.');
    assert.deepEqual(await editOperations(p), [], 'nothing is sent until the id is committed');
    await assertClean(p);
    await page.close();
  });

  it('a committed field keeps the node selected through the host\'s answer; a new id takes the selection along', async () => {
    const p = await inspect(githubRelease(), 'deploy-prod');
    const { page } = p;
    const host = applyingHost(p, GITHUB_RELEASE, 1, '.github/workflows/release.yml');
    const selection = () => page.$$eval('.react-flow__node.selected', (els) => els.map((el) => el.getAttribute('data-id')));

    await type(page, 'name', 'Ship it');
    await press(page, 'name', 'Enter');
    await waitForEditCount(p, 1);
    await host.apply();
    assert.deepEqual(await selection(), ['deploy-prod']);
    assert.equal((await shownValues(page)).name, 'Ship it');

    await type(page, 'id', 'production');
    await press(page, 'id', 'Enter');
    await waitForEditCount(p, 2);
    await host.apply();
    assert.deepEqual(await selection(), ['production']);
    assert.equal((await shownValues(page)).id, 'production');

    await type(page, 'runner', 'self-hosted');
    await press(page, 'runner', 'Tab');
    await waitForEditCount(p, 3);
    await host.apply();
    assert.deepEqual(await selection(), ['production']);
    assert.equal((await shownValues(page)).runner, 'self-hosted');
    assert.equal(await page.getAttribute('.pw-inspector', 'aria-label'), 'Inspector: Ship it');
    await assertClean(p);
    await page.close();
  });

  it('GitLab: a delayed gate waits for its duration; the fields follow the next document', async () => {
    const p = await inspect(gitlabPipeline(), 'deploy-staging');
    const { page } = p;
    assert.equal(await isDisabled(page, 'name'), true, 'GitLab jobs have no display name');
    assert.equal(await isDisabled(page, 'strategy'), true);
    await choose(page, 'gate', 'Delayed start');
    assert.equal(await message(page, 'gate-after'), 'Enter how long to wait, e.g. 30 minutes.');
    assert.equal((await editOperations(p)).length, 0);
    await type(page, 'gate-after', '45 minutes');
    await press(page, 'gate-after', 'Enter');
    assert.deepEqual(await waitForEditCount(p, 1), [
      { op: 'setProperty', stage: 'deploy-staging', property: 'gate', value: { kind: 'delayed', after: '45 minutes' } },
    ]);
    // The host applies it and sends the new text's graph: the inspector shows what the file says.
    const applied = GITLAB_PIPELINE.replace(
      'deploy-staging:\n  stage: deploy\n  environment: staging\n',
      'deploy-staging:\n  stage: deploy\n  environment: staging\n  when: delayed\n  start_in: 45 minutes\n',
    );
    assert.notEqual(applied, GITLAB_PIPELINE);
    await p.send(documentMessage(2, parsePipeline(applied, { fileName: '.gitlab-ci.yml' })));
    await p.rendered(2);
    assert.equal((await shownValues(page))['gate-after'], '45 minutes');
    await choose(page, 'gate', 'None');
    assert.deepEqual((await waitForEditCount(p, 2))[1], { op: 'setProperty', stage: 'deploy-staging', property: 'gate', value: null });
    await assertClean(p);
    await page.close();
  });

  it('Azure: strategies on a deployment job; environment only there, and without a URL', async () => {
    const p = await inspect(azurePipeline(), 'Prod/Deploy');
    const { page } = p;
    assert.equal((await shownValues(page)).strategy, 'runOnce');
    assert.equal(await isDisabled(page, 'environment-url'), true);
    await choose(page, 'strategy', 'Rolling');
    await waitForEditCount(p, 1);
    assert.equal(await isDisabled(page, 'strategy-maxSurge'), true, 'a Kubernetes setting Azure does not take');
    await type(page, 'strategy-maxParallel', '2');
    await press(page, 'strategy-maxParallel', 'Enter');
    await waitForEditCount(p, 2);
    await choose(page, 'strategy', 'Canary');
    assert.equal(await message(page, 'strategy-steps'), 'Enter the traffic percentages, e.g. 10, 50.');
    await type(page, 'strategy-steps', '10, 50');
    await press(page, 'strategy-steps', 'Enter');
    assert.deepEqual(await waitForEditCount(p, 3), [
      { op: 'setProperty', stage: 'Prod/Deploy', property: 'strategy', value: { kind: 'rolling' } },
      { op: 'setProperty', stage: 'Prod/Deploy', property: 'strategy', value: { kind: 'rolling', maxParallel: 2 } },
      { op: 'setProperty', stage: 'Prod/Deploy', property: 'strategy', value: { kind: 'canary', steps: [10, 50] } },
    ]);

    // A plain job has no strategy; an environment makes it a deployment job (issue #10), as the note beside it says.
    await page.click(nodeSelector('Build/Compile'));
    await page.waitForFunction(() => (document.querySelector('#pw-inspector-id') as unknown as { value: string }).value === 'Compile');
    assert.equal(await isDisabled(page, 'environment'), false);
    assert.equal(await isDisabled(page, 'environment-url'), true);
    assert.equal(await isDisabled(page, 'strategy'), true);
    assert.deepEqual(await notesMatching(page, /makes this a deployment job/), ['field']);
    assert.deepEqual(await notesMatching(page, /only deployment jobs .* have a strategy\. Set an environment to make it one\./), ['field']);
    await type(page, 'environment', 'qa');
    await press(page, 'environment', 'Enter');
    assert.deepEqual((await waitForEditCount(p, 4)).at(-1), { op: 'setProperty', stage: 'Build/Compile', property: 'environment', value: { name: 'qa' } });
    await assertClean(p);
    await page.close();
  });

  it('Azure: strategy parameters start as the YAML has them; one left empty keeps what is written', async () => {
    const rolling = AZURE_PIPELINE.replace('      runOnce:\n', '      rolling:\n        maxParallel: 3\n');
    assert.notEqual(rolling, AZURE_PIPELINE);
    const p = await inspect(parsePipeline(rolling, { fileName: 'azure-pipelines.yml' }), 'Prod/Deploy');
    const { page } = p;
    const values = await shownValues(page);
    assert.deepEqual([values.strategy, values['strategy-maxParallel']], ['rolling', '3']);
    assert.equal(await message(page, 'strategy-maxParallel'), undefined);
    // Emptied, it would change nothing (the engine keeps a written parameter): say so, send nothing.
    await type(page, 'strategy-maxParallel', '');
    assert.match((await message(page, 'strategy-maxParallel')) ?? '', /keeps maxParallel: 3 when this is empty/);
    await press(page, 'strategy-maxParallel', 'Enter');
    assert.deepEqual(await editOperations(p), []);
    await type(page, 'strategy-maxParallel', '5');
    await press(page, 'strategy-maxParallel', 'Enter');
    assert.deepEqual(await waitForEditCount(p, 1), [
      { op: 'setProperty', stage: 'Prod/Deploy', property: 'strategy', value: { kind: 'rolling', maxParallel: 5 } },
    ]);

    // A canary's steps, on the job and on its stage (which sets its one deployment job).
    const canary = AZURE_PIPELINE.replace('      runOnce:\n', '      canary:\n        increments: [10, 50]\n');
    await p.send(documentMessage(2, parsePipeline(canary, { fileName: 'azure-pipelines.yml' })));
    await p.rendered(2);
    await page.waitForFunction(() => (document.querySelector('#pw-inspector-strategy-steps') as unknown as { value: string } | null)?.value === '10, 50');
    await page.click(nodeSelector('Prod'));
    await page.waitForFunction(() => (document.querySelector('#pw-inspector-id') as unknown as { value: string }).value === 'Prod');
    assert.equal((await shownValues(page))['strategy-steps'], '10, 50');
    await type(page, 'strategy-steps', '10, 50, 100');
    await press(page, 'strategy-steps', 'Enter');
    assert.deepEqual((await waitForEditCount(p, 2))[1], { op: 'setProperty', stage: 'Prod', property: 'strategy', value: { kind: 'canary', steps: [10, 50, 100] } });

    // An expression is not a number: the field starts empty, saying the YAML's value stays, with nothing wrong.
    const expression = AZURE_PIPELINE.replace('      runOnce:\n', '      rolling:\n        maxParallel: $(parallelTargets)\n');
    await p.send(documentMessage(3, parsePipeline(expression, { fileName: 'azure-pipelines.yml' })));
    await p.rendered(3);
    await page.click(nodeSelector('Prod/Deploy'));
    await page.waitForFunction(() => (document.querySelector('#pw-inspector-strategy') as unknown as { value: string } | null)?.value === 'rolling');
    assert.equal((await shownValues(page))['strategy-maxParallel'], '');
    assert.equal(await page.$eval(field('strategy-maxParallel'), (el) => (el as unknown as { placeholder: string }).placeholder), 'empty keeps what the YAML says');
    assert.equal(await message(page, 'strategy-maxParallel'), undefined);
    assert.equal((await editOperations(p)).length, 2);
    await assertClean(p);
    await page.close();
  });

  it('says a reason shared by a group\'s fields once, and what an empty field stands for', async () => {
    // The sample's production job, its rollout step named a rolling update: a strategy the file
    // states and GitHub has no key for.
    const shipped = readFileSync(join(__dirname, '..', '..', 'samples', '.github', 'workflows', 'deploy.yml'), 'utf8');
    const sample = shipped.replace('      - run: kubectl rollout status deployment/web -n production', '      - name: Rolling update, one pod at a time\n        run: kubectl rollout status deployment/web -n production');
    assert.notEqual(sample, shipped);
    const p = await inspect(parsePipeline(sample, { fileName: '.github/workflows/deploy.yml' }), 'production');
    const { page } = p;
    assert.equal((await shownValues(page)).strategy, 'rolling');
    for (const name of ['strategy', 'strategy-maxSurge', 'strategy-maxUnavailable', 'strategy-maxParallel']) assert.equal(await isDisabled(page, name), true, name);
    assert.deepEqual(await notesMatching(page, /GitHub Actions has no strategy setting/), ['group']);
    assert.equal(await placeholderOf(page, 'name'), 'none: the id (production) is shown');
    assert.equal(await placeholderOf(page, 'condition'), 'none: runs when its needs succeed');
    assert.equal(await placeholderOf(page, 'timeout'), 'none: 360 minutes, GitHub\'s default');
    await page.click(nodeSelector('rollback'));
    await page.waitForFunction(() => (document.querySelector('#pw-inspector-id') as unknown as { value: string }).value === 'rollback');
    assert.equal((await shownValues(page)).condition, 'failure()');
    assert.equal(await placeholderOf(page, 'condition'), '', 'a field with a value needs no placeholder');

    await assertClean(p);
    await page.close();

    // GitLab and Azure say their own defaults.
    const gitlab = await inspect(gitlabPipeline(), 'unit');
    assert.equal(await placeholderOf(gitlab.page, 'runner'), 'none: the default image');
    assert.equal(await placeholderOf(gitlab.page, 'timeout'), 'none: the project\'s timeout (1 hour by default)');
    await assertClean(gitlab);
    await gitlab.page.close();
    const azure = await inspect(azurePipeline(), 'Test/Unit');
    assert.equal(await placeholderOf(azure.page, 'condition'), 'none: runs when what it depends on succeeded');
    assert.equal(await placeholderOf(azure.page, 'timeout'), 'none: 60 minutes, Azure\'s default');
    await assertClean(azure);
    await azure.page.close();
  });

  it('invalid input shows a message beside the field and posts nothing', async () => {
    const p = await inspect(githubRelease(), 'deploy-staging');
    const { page } = p;
    await type(page, 'id', '1 bad id');
    assert.match((await message(page, 'id')) ?? '', /GitHub job id starts with a letter/);
    await press(page, 'id', 'Enter');
    await type(page, 'environment-url', 'ftp://files.example.com');
    assert.match((await message(page, 'environment-url')) ?? '', /http:\/\/ or https:\/\//);
    await press(page, 'environment-url', 'Enter');
    await type(page, 'timeout', 'soon');
    assert.match((await message(page, 'timeout')) ?? '', /minutes \(e\.g\. 30\) or a duration/);
    await press(page, 'timeout', 'Tab');
    await type(page, 'runner', '');
    assert.match((await message(page, 'runner')) ?? '', /needs runs-on/);
    await press(page, 'runner', 'Enter');
    await choose(page, 'gate', 'Named approvers');
    await type(page, 'gate-approvers', ' , ');
    assert.equal(await message(page, 'gate-approvers'), 'Name at least one approver.');
    await press(page, 'gate-approvers', 'Enter');
    // The field is marked invalid, and Escape puts back what the graph says.
    assert.equal(await page.$eval(field('id'), (el) => (el as unknown as { invalid: boolean }).invalid), true);
    await press(page, 'id', 'Escape');
    assert.equal((await shownValues(page)).id, 'deploy-staging');
    assert.equal(await message(page, 'id'), undefined);

    const gitlab = await inspect(gitlabPipeline(), 'deploy-prod');
    assert.equal((await shownValues(gitlab.page))['gate-after'], '30 minutes');
    await type(gitlab.page, 'gate-after', 'later');
    assert.match((await message(gitlab.page, 'gate-after')) ?? '', /duration such as 30 minutes/);
    await press(gitlab.page, 'gate-after', 'Enter');

    const azure = await inspect(azurePipeline(), 'Prod/Deploy');
    await choose(azure.page, 'strategy', 'Canary');
    await type(azure.page, 'strategy-steps', '50, 10');
    assert.equal(await message(azure.page, 'strategy-steps'), 'Each step must send more traffic than the one before.');
    await press(azure.page, 'strategy-steps', 'Enter');
    await type(azure.page, 'strategy-steps', '10, 150');
    assert.equal(await message(azure.page, 'strategy-steps'), '"150" is not a percentage from 1 to 100.');
    await press(azure.page, 'strategy-steps', 'Enter');

    for (const page of [p, gitlab, azure]) {
      assert.deepEqual(await editOperations(page), []);
      await assertClean(page);
      await page.page.close();
    }
  });

  it('issue #10: a marked node keeps the fields the engine edits, says what stays in the text, and Show in text posts selectNode', async () => {
    // A matrix job: its key, name, runner, environment, gate, condition and timeout are its own.
    const p = await inspect(githubRelease(), 'unit');
    const reason = githubRelease().nodes.find((n) => n.id === 'unit')!.readOnlyReason!;
    assert.ok(reason.length > 0);
    assert.equal((await p.page.textContent('.pw-inspector-readonly'))?.trim(), `Parts of this job are edited in the text only: ${reason}.`);
    for (const name of ['id', 'name', 'runner', 'environment', 'gate', 'condition', 'timeout']) {
      assert.equal(await isDisabled(p.page, name), false, name);
    }
    await type(p.page, 'timeout', '15');
    await press(p.page, 'timeout', 'Enter');
    assert.deepEqual(await waitForEditCount(p, 1), [{ op: 'setProperty', stage: 'unit', property: 'timeout', value: 15 }]);

    // A job calling a reusable workflow: GitHub allows no runner, environment or timeout on it, said beside each.
    const caller = parsePipeline('on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: [{run: make}]\n  release:\n    needs: build\n    uses: ./.github/workflows/release.yml\n', { fileName: '.github/workflows/ci.yml' });
    const q = await inspect(caller, 'release');
    for (const name of ['id', 'name', 'condition']) assert.equal(await isDisabled(q.page, name), false, name);
    for (const name of ['runner', 'environment', 'timeout']) assert.equal(await isDisabled(q.page, name), true, name);
    assert.deepEqual(await notesMatching(q.page, /calls a reusable workflow, and GitHub allows no environment on such a job/), ['group']);
    assert.deepEqual(await editOperations(q), []);
    await assertClean(q);
    await q.page.close();

    // A template item is read-only as a whole: the panel says so once.
    const template = parsePipeline('stages:\n- template: stages/build.yml\n- stage: Test\n  jobs:\n  - job: Unit\n    steps:\n    - script: make test\n', { fileName: 'azure-pipelines.yml' });
    const t = await inspect(template, 'template:stages/build.yml');
    assert.match((await t.page.textContent('.pw-inspector-readonly'))?.trim() ?? '', /^This stage is read-only: it is defined in the template file `stages\/build\.yml`\.$/);
    await assertClean(t);
    await t.page.close();
    await p.page.click('.pw-inspector-show-text');
    assert.deepEqual((await p.posted()).at(-1), { type: 'selectNode', nodeId: 'unit' });
    await assertClean(p);
    await p.page.close();
  });

  it('stays open (or closed) across a reload, on the same node', async () => {
    const first = await inspect(gitlabPipeline(), 'deploy-prod');
    const saved = await first.savedState();
    await first.page.close();

    const reloaded = await harness.openPage({ savedState: saved, height: 1000 });
    await reloaded.page.waitForSelector(field('id'));
    const values = await shownValues(reloaded.page);
    assert.equal(values.id, 'deploy-prod');
    assert.equal(values.gate, 'delayed');
    assert.equal(values['gate-after'], '30 minutes');

    assert.equal(await reloaded.page.getAttribute('.pw-inspector-toggle', 'aria-pressed'), 'true');
    await reloaded.page.click('.pw-inspector-close');
    await reloaded.page.waitForSelector('.pw-inspector', { state: 'detached' });
    const closedState = await reloaded.savedState();
    await reloaded.page.close();
    const again = await harness.openPage({ savedState: closedState });
    await again.page.waitForSelector('.pw-inspector-toggle');
    assert.equal(await again.page.locator('.pw-inspector').count(), 0);
    assert.equal(await again.page.getAttribute('.pw-inspector-toggle', 'aria-pressed'), 'false');
    await assertClean(again);
    await again.page.close();
  });
});
