// An Azure job template opened on its own, in a real VS Code: renaming in its designer a job the
// pipeline that uses the template names (`dependsOn: Build`) changes that pipeline too, in one
// edit, and the inspector says so before it is done; the Problems panel and the designer judge a
// template's `dependsOn` by the pipelines that use it; a job template used in two stages is renamed
// in both; renaming a template's job from the designer of one pipeline using it renames it in
// the other pipeline that uses it too.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { activeTab, designerFrame, fixture, graphJobIds, graphNode, launchWorkbench, openFile, renameInInspector, runCommand, screenshotOnFailure, UI_TIMEOUT_MS, type Workbench } from '../helpers/vscodeHarness';

describe('an Azure template in the designer (code-server)', { timeout: 300_000 }, () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await launchWorkbench({ workspaceFrom: fixture('azure-template'), name: 'template' });
  });

  after(async () => {
    await workbench?.close();
  });

  const check = (name: string, body: () => Promise<void>) => test(name, () => screenshotOnFailure(workbench.page, `template-${name}`, body));

  check('renaming a job of the template that the pipeline using it names changes the pipeline too', async () => {
    const { page } = workbench;
    await openFile(page, 'build.yml');
    await runCommand(page, 'Pipewright: Open in Designer');
    const designer = await designerFrame(page, 'Build');
    assert.deepEqual(await graphJobIds(designer), ['Build', 'Lint']);
    await renameInInspector(designer, 'Build', 'Compile', 'Renames 1 reference in 2 files.');
    // The pipeline is changed in the same edit, a refactoring: VS Code saves both files, as after a
    // rename across files (no Save All, which in a full run once left the pipeline, changed in the
    // background, unsaved).
    const onDisk = (path: string) => readFileSync(join(workbench.workspace, ...path.split('/')), 'utf8');
    const template = 'jobs:\n- job: Compile\n  steps:\n  - bash: make\n- job: Lint\n  steps:\n  - bash: make lint\n';
    // Read until both are saved: they are written one after the other.
    const deadline = Date.now() + UI_TIMEOUT_MS;
    while (!(onDisk('jobs/build.yml') === template && onDisk('azure-pipelines.yml').includes('dependsOn: Compile')) && Date.now() < deadline) await page.waitForTimeout(100);
    assert.equal(onDisk('jobs/build.yml'), template);
    assert.match(onDisk('azure-pipelines.yml'), /- job: Deploy\n  dependsOn: Compile\n  steps:\n/);
  });

  check('the Problems panel judges a template in the pipeline that uses it, and again when the pipeline changes', async () => {
    const { page } = workbench;
    const write = (path: string, text: string) => writeFileSync(join(workbench.workspace, ...path.split('/')), text);
    const pipeline = 'trigger: none\njobs:\n- job: Deploy\n  steps:\n  - bash: ./deploy.sh\n- template: jobs/verify.yml\n';
    write('azure-pipelines.yml', pipeline);
    // Alone, jobs/verify.yml (in the workspace from the start: Quick Open may not list a file
    // just written) knows neither job it waits for; the pipeline defines Deploy.
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await openFile(page, 'verify.yml');
    const rows = page.locator('.markers-panel .monaco-list-row');
    const ghost = rows.filter({ hasText: '"Verify" depends on "Ghost", which is not defined in any of the 2 files read' });
    await ghost.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    const texts = await rows.evaluateAll((els) => els.map((el) => el.textContent ?? ''));
    assert.ok(!texts.some((t) => t.includes('depends on "Deploy"')), texts.join('\n'));
    // The pipeline gets a Ghost job on disk (its editor, saved above, follows): the template's error goes without touching it.
    write('azure-pipelines.yml', `${pipeline}- job: Ghost\n  steps:\n  - bash: ./ghost.sh\n`);
    await ghost.first().waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  });

  check('the designer of a template draws the jobs it waits for in the pipeline as that file\'s, not as missing; a click opens one', async () => {
    const { page } = workbench;
    // jobs/verify.yml is the active editor since the check above; the pipeline defines both jobs it waits for.
    await runCommand(page, 'Pipewright: Open in Designer');
    const designer = await designerFrame(page, 'Verify');
    const ghost = designer.locator('.react-flow__node[data-id="Ghost"]');
    await ghost.locator('.pw-ghost-elsewhere').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    assert.equal(await ghost.getAttribute('aria-label'), 'Job Ghost, defined in azure-pipelines.yml');
    assert.equal(await designer.locator('.react-flow__node[data-id="Deploy"]').getAttribute('aria-label'), 'Job Deploy, defined in azure-pipelines.yml');
    assert.equal(await graphNode(designer, 'Verify').locator('.pw-flag.codicon-error').count(), 0, 'Verify is not flagged for what it waits for');
    await ghost.click();
    await activeTab(page, 'azure-pipelines.yml').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  });

  check('a template a second pipeline uses is judged in both: a job only the second lacks is an error there, named', async () => {
    const { page } = workbench;
    // azure-pipelines.yml defines Deploy and Ghost (the check before); pr.yml, new on disk, only Deploy.
    writeFileSync(join(workbench.workspace, 'pr.yml'), 'trigger: none\njobs:\n- job: Deploy\n  steps:\n  - bash: ./deploy.sh\n- template: jobs/verify.yml\n');
    const rows = page.locator('.markers-panel .monaco-list-row');
    await rows.filter({ hasText: '"Verify" depends on "Ghost", which is not defined in any of the 2 files read — in `pr.yml`, 1 of the 2 pipelines using this template' }).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    const texts = await rows.evaluateAll((els) => els.map((el) => el.textContent ?? ''));
    assert.ok(!texts.some((t) => t.includes('depends on "Deploy"')), texts.join('\n'));
  });

  check('renaming in its designer a job that a pipeline uses in two stages renames it in both, and each stage\'s dependsOn', async () => {
    const { page } = workbench;
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, 'ship.yml');
    await runCommand(page, 'Pipewright: Open in Designer');
    const designer = await designerFrame(page, 'Ship');
    // The name once, a dependsOn in each stage of environments.yml (it was refused: "written once … for Prod/Ship too").
    await renameInInspector(designer, 'Ship', 'Release', 'Renames 2 references in 2 files.');
    const onDisk = (path: string) => readFileSync(join(workbench.workspace, ...path.split('/')), 'utf8');
    const deadline = Date.now() + UI_TIMEOUT_MS;
    while (!(onDisk('jobs/ship.yml').includes('deployment: Release') && !onDisk('environments.yml').includes('dependsOn: Ship')) && Date.now() < deadline) await page.waitForTimeout(100);
    assert.match(onDisk('jobs/ship.yml'), /^jobs:\n- deployment: Release\n/m);
    assert.equal(onDisk('environments.yml').match(/dependsOn: Release\n/g)?.length, 2);
  });

  check('renaming from one pipeline\'s designer a job of a template another pipeline uses too changes that pipeline in the same edit', async () => {
    const { page } = workbench;
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, 'nightly.yml');
    await runCommand(page, 'Pipewright: Open in Designer');
    const designer = await designerFrame(page, 'Report');
    // The name in the template, and each pipeline's dependsOn: weekly.yml's was left naming Notify.
    await renameInInspector(designer, 'Notify', 'Announce', 'Renames 2 references in 3 files.');
    const onDisk = (path: string) => readFileSync(join(workbench.workspace, ...path.split('/')), 'utf8');
    const done = () => onDisk('jobs/notify.yml').includes('job: Announce') && ['nightly.yml', 'weekly.yml'].every((p) => onDisk(p).includes('dependsOn: Announce'));
    const deadline = Date.now() + UI_TIMEOUT_MS;
    while (!done() && Date.now() < deadline) await page.waitForTimeout(100);
    assert.match(onDisk('jobs/notify.yml'), /^- job: Announce\n/m);
    assert.match(onDisk('weekly.yml'), /- job: Report\n  dependsOn: Announce\n/);
    assert.match(onDisk('nightly.yml'), /- job: Report\n  dependsOn: Announce\n/);
  });
});
