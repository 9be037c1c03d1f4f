// A GitLab pipeline split over files, in a real VS Code: the designer draws the jobs of the files
// the root includes, each with its file, follows a change to an included file that is not open
// and a new file its wildcard include matches, a click on such a job opens its definition, and
// renaming it in the inspector changes the file it is written in and the root's reference to it,
// in one edit; an included file is judged, in the Problems panel and in its own designer, as part
// of the pipeline.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Frame } from 'playwright-core';
import {
  activeGroup,
  activeTab,
  chooseQuickFix,
  designerFrame,
  focusEditorGroup,
  fixture,
  graphEdgeIds,
  graphJobIds,
  graphNode,
  launchWorkbench,
  openFile,
  renameInInspector,
  runCommand,
  screenshotOnFailure,
  UI_TIMEOUT_MS,
  type Workbench,
} from '../helpers/vscodeHarness';
import { zoomOutToShowAll } from '../helpers/zoomOutToShowAll';

/** The webview frame in which `selector` matches (designer tabs of other files have frames of their own). */
async function frameWith(page: Workbench['page'], selector: string): Promise<Frame> {
  const deadline = Date.now() + UI_TIMEOUT_MS;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if ((await frame.locator(selector).count().catch(() => 0)) > 0) return frame;
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`no webview shows ${selector}`);
}

describe('a GitLab pipeline composed from its includes in the designer (code-server)', { timeout: 600_000 }, () => {
  let workbench: Workbench;
  let designer: Frame;

  before(async () => {
    workbench = await launchWorkbench({ workspaceFrom: fixture('gitlab-include'), name: 'composed' });
  });

  after(async () => {
    await workbench?.close();
  });

  const check = (name: string, body: () => Promise<void>) => test(name, () => screenshotOnFailure(workbench.page, `composed-${name}`, body));

  check('the included job is drawn, marked with its file, and its edge to the root job', async () => {
    const { page } = workbench;
    await openFile(page, '.gitlab-ci.yml');
    await runCommand(page, 'Pipewright: Open in Designer');
    designer = await designerFrame(page, 'deploy');
    await graphNode(designer, 'compile').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    assert.deepEqual(await graphJobIds(designer), ['compile', 'deploy']);
    assert.deepEqual(await graphEdgeIds(designer), ['compile->deploy']);
    const fileRow = graphNode(designer, 'compile').locator('.pw-row-file');
    assert.equal((await fileRow.textContent())?.trim(), 'build.yml');
    assert.equal(await fileRow.getAttribute('title'), 'Defined in .gitlab/ci/build.yml');
    assert.equal(await graphNode(designer, 'deploy').locator('.pw-row-file').count(), 0, 'the root file’s own job has no file row');
  });

  check('a job added to the included file on disk appears without opening it', async () => {
    writeFileSync(join(workbench.workspace, '.gitlab', 'ci', 'build.yml'), 'compile:\n  stage: build\n  script: make\n\nlint:\n  stage: build\n  script: make lint\n');
    await graphNode(designer, 'lint').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    assert.deepEqual(await graphJobIds(designer), ['compile', 'deploy', 'lint']);
  });

  check('a new file the wildcard include matches is read: its job appears', async () => {
    // `include: local: .gitlab/ci/*.yml`: the composition never read this file, it did not exist.
    writeFileSync(join(workbench.workspace, '.gitlab', 'ci', 'test.yml'), 'unit:\n  stage: build\n  script: make test\n');
    await graphNode(designer, 'unit').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    assert.deepEqual(await graphJobIds(designer), ['compile', 'deploy', 'lint', 'unit']);
    assert.equal((await graphNode(designer, 'unit').locator('.pw-row-file').textContent())?.trim(), 'test.yml');
  });

  check('clicking a job of the included file opens its definition', async () => {
    const { page } = workbench;
    await graphNode(designer, 'lint').locator('.pw-name').click();
    await activeTab(page, 'build.yml').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  });

  check('renaming a job of the included file changes that file and the root, said before it is done', async () => {
    const { page } = workbench;
    await graphNode(designer, 'compile').focus();
    await graphNode(designer, 'compile').press('Enter');
    const id = designer.locator('#pw-inspector-id input');
    await designer.waitForFunction(() => (document.querySelector('#pw-inspector-id') as unknown as { value: string } | null)?.value === 'compile', undefined, { timeout: UI_TIMEOUT_MS });
    assert.equal((await designer.locator('.pw-inspector-show-text').textContent())?.trim(), 'Open definition in build.yml');
    await id.fill('build');
    await designer.locator('#pw-inspector-id-note', { hasText: 'Renames 1 reference in 2 files.' }).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await id.press('Enter');
    await graphNode(designer, 'build').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    assert.deepEqual(await graphJobIds(designer), ['build', 'deploy', 'lint', 'unit']);
    assert.deepEqual(await graphEdgeIds(designer), ['build->deploy']);
    const onDisk = (path: string) => readFileSync(join(workbench.workspace, ...path.split('/')), 'utf8');
    // No Save All: an edit of several files is a refactoring, whose files VS Code saves (as after a
    // rename across files). Read until both are saved: they are written one after the other, and a
    // read while VS Code writes a file can find it empty.
    const renamed = 'build:\n  stage: build\n  script: make\n\nlint:\n  stage: build\n  script: make lint\n';
    const deadline = Date.now() + UI_TIMEOUT_MS;
    while (!(onDisk('.gitlab-ci.yml').includes('needs: [build]') && onDisk('.gitlab/ci/build.yml') === renamed) && Date.now() < deadline) await page.waitForTimeout(100);
    assert.equal(onDisk('.gitlab/ci/build.yml'), renamed);
    assert.match(onDisk('.gitlab-ci.yml'), /deploy:\n  stage: deploy\n  needs: \[build\]\n  script: \.\/deploy\.sh\n$/);
  });

  check('a pipeline in a subfolder reads `/` paths from the workspace folder when there is no .git', async () => {
    // The workspace is a copy without a git folder: the project's top is the workspace folder, not
    // the pipeline's own folder (where /.gitlab/ci/build.yml does not exist). Its jobs are as the
    // rename above left them.
    const { page } = workbench;
    await openFile(page, 'release-pipeline.yml');
    await runCommand(page, 'Pipewright: Open in Designer');
    const release = await designerFrame(page, 'publish');
    await graphNode(release, 'build').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    assert.deepEqual(await graphJobIds(release), ['build', 'lint', 'publish']);
    assert.equal(await graphNode(release, 'build').locator('.pw-row-file').getAttribute('title'), 'Defined in .gitlab/ci/build.yml');
  });

  check('a file that takes CI/CD inputs draws its jobs with their defaults, as GitLab includes it without inputs', async () => {
    const { page } = workbench;
    const spec = 'spec:\n  inputs:\n    environment:\n      default: staging\n---\ndeploy-$[[ inputs.environment ]]:\n  stage: deploy\n  environment: $[[ inputs.environment ]]\n  script: ./deploy.sh\n';
    writeFileSync(join(workbench.workspace, '.gitlab', 'ci', 'deploy.gitlab-ci.yml'), spec);
    await openFile(page, 'deploy.gitlab-ci.yml');
    await runCommand(page, 'Pipewright: Open in Designer');
    const deploy = await designerFrame(page, 'deploy-staging');
    // With the jobs of the pipeline's build stage it waits for, drawn as their files'.
    assert.deepEqual(await graphJobIds(deploy), ['build', 'deploy-staging', 'lint', 'unit']);
    assert.equal(await deploy.locator('.pw-ghost-elsewhere').count(), 3);
    assert.match((await graphNode(deploy, 'deploy-staging').getAttribute('aria-label')) ?? '', /staging/);
  });

  // After the check above, not before it: this one opens files through Quick Open one after
  // another, and the check above opens a file it has just written there — a Quick Open shortly
  // after another did not list such a file once in a full run ("No matching results" beside the
  // file in the explorer).
  check('the Problems panel judges a file as part of its pipeline, and again when another of its files changes', async () => {
    const { page } = workbench;
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    const rows = page.locator('.markers-panel .monaco-list-row');
    // The included file needs a job no file defines: an error said of every file the pipeline read.
    writeFileSync(join(workbench.workspace, '.gitlab', 'ci', 'build.yml'), 'build:\n  stage: build\n  script: make\n\nlint:\n  stage: build\n  needs: [ghost]\n  script: make lint\n');
    await openFile(page, 'build.yml');
    const ghost = rows.filter({ hasText: /"lint" depends on "ghost", which is not defined in any of the \d+ files read/ });
    await ghost.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    // A file of the pipeline created on disk defines it: the error goes without touching build.yml.
    writeFileSync(join(workbench.workspace, '.gitlab', 'ci', 'ghost.yml'), 'ghost:\n  stage: build\n  script: make\n');
    await ghost.first().waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    // The root needs `build`, which build.yml defines: no warning that it "may come from an included file".
    // The root is open in a text editor since the first check. Not opened again through Quick Open:
    // in the group active here, that brought up its designer, whose webview took the focus as it
    // loaded, and the keys the next check pressed then (Ctrl+P) were lost (once in a full run).
    await rows.filter({ hasText: '"deploy" has no timeout' }).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    const texts = await rows.evaluateAll((els) => els.map((el) => el.textContent ?? ''));
    assert.ok(!texts.some((t) => /depends on|not defined/.test(t)), texts.join('\n'));
  });

  check('the designer of an included file draws a job it needs from another file as that file\'s, and follows it', async () => {
    const { page } = workbench;
    await openFile(page, 'build.yml');
    await runCommand(page, 'Pipewright: Open in Designer');
    const ghostIn = (frame: Frame) => frame.locator('.react-flow__node[data-id="ghost"]');
    const included = await frameWith(page, '.react-flow__node[data-id="ghost"] .pw-ghost-elsewhere');
    assert.equal((await ghostIn(included).locator('.pw-row').textContent())?.trim(), 'in .gitlab/ci/ghost.yml');
    assert.equal(await ghostIn(included).getAttribute('aria-label'), 'Job ghost, defined in .gitlab/ci/ghost.yml');
    // The file that defined it no longer does: a need of nothing, flagged.
    writeFileSync(join(workbench.workspace, '.gitlab', 'ci', 'ghost.yml'), 'phantom:\n  stage: build\n  script: make\n');
    await ghostIn(included).locator('.pw-ghost:not(.pw-ghost-elsewhere)').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    assert.match((await ghostIn(included).getAttribute('aria-label')) ?? '', /^Missing job ghost/);
    // Defined again, lower down in another file: a click on it opens its definition there.
    writeFileSync(join(workbench.workspace, '.gitlab', 'ci', 'ghost.yml'), 'phantom:\n  stage: build\n  script: make\n\nghost:\n  stage: build\n  script: make\n');
    await ghostIn(included).locator('.pw-ghost-elsewhere').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await ghostIn(included).click();
    await activeTab(page, 'ghost.yml').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    // Its lines (5-7) selected, not phantom's (1-3): the cursor ends the selection.
    const ghostEditor = page.locator('.editor-group-container:has(.tab.active[aria-label^="ghost.yml"]) .monaco-editor').first();
    await ghostEditor.locator('.selected-text').first().waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
    assert.match((await ghostEditor.locator('.line-numbers.active-line-number').first().textContent()) ?? '', /^\s*[5-8]\s*$/);
  });

  check('the designer of an included file draws its lanes in the stages the root declares, and plans its edits in the pipeline (a rename reaches the root)', async () => {
    const { page } = workbench;
    const onDisk = (path: string) => readFileSync(join(workbench.workspace, ...path.split('/')), 'utf8');
    // The file lists its production job first; the root runs staging before production.
    // The root also has a job that needs one of the file's.
    const rootText = `${onDisk('.gitlab-ci.yml').replace('stages: [build, deploy]', 'stages: [build, staging, production, deploy]')}\nsmoke:\n  stage: deploy\n  needs: [prod]\n  script: ./smoke\n`;
    writeFileSync(join(workbench.workspace, '.gitlab-ci.yml'), rootText);
    const ship = 'prod:\n  stage: production\n  script: ./ship prod\n\nstaging:\n  stage: staging\n  script: ./ship staging\n\nverify:\n  stage: production\n  script: ./check\n';
    writeFileSync(join(workbench.workspace, '.gitlab', 'ci', 'ship.yml'), ship);
    // The checks above left five editor groups: the designer beside this file gets a pane too
    // narrow to show its jobs.
    await runCommand(page, 'View: Close All Editors');
    // Opened from the explorer, which lists it: Quick Open's file search may not have it yet
    // ("No matching results" for a file just written, with no editor open to list it from).
    await page.locator('.explorer-folders-view .monaco-list-row[aria-label^="ship.yml"]').first().click();
    await activeGroup(page).locator('.tab.active[aria-label^="ship.yml"]').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await runCommand(page, 'Pipewright: Open in Designer');
    const shipDesigner = await frameWith(page, '.react-flow__node[data-id="lane:production"] .pw-lane-note');
    const lane = (name: string) => shipDesigner.locator(`.react-flow__node[data-id="lane:${name}"]`);
    assert.equal((await lane('production').locator('.pw-lane-note').textContent())?.trim(), 'in .gitlab-ci.yml');
    const [staging, production] = [await lane('staging').boundingBox(), await lane('production').boundingBox()];
    assert.ok(staging && production && staging.x < production.x, `staging ${staging?.x}, production ${production?.x}`);
    // staging waits for the pipeline's build stage, whose jobs the other files define: drawn as theirs.
    assert.deepEqual(await graphEdgeIds(shipDesigner), ['build->staging', 'ghost->staging', 'lint->staging', 'phantom->staging', 'staging->prod', 'staging->verify', 'unit->staging']);
    assert.equal(await shipDesigner.locator('.pw-ghost-elsewhere').count(), 5);
    // Those jobs widen the graph past what a pane beside the file shows at a size a drag can hit:
    // the designer gets the window.
    await focusEditorGroup(page, 1);
    await runCommand(page, 'View: Toggle Maximize Editor Group');
    await shipDesigner.locator('.pw-fit-button').click();
    await zoomOutToShowAll(shipDesigner);
    // Connecting prod to verify, which has no needs: verify keeps waiting for staging, as the pipeline has it.
    const centre = async (selector: string) => {
      const b = await shipDesigner.locator(selector).boundingBox();
      assert.ok(b, `${selector} has no box`);
      return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    };
    const from = await centre('.react-flow__node[data-id="prod"] .react-flow__handle.source');
    const to = await centre('.react-flow__node[data-id="verify"] .react-flow__handle.target');
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
    await page.mouse.move(to.x, to.y, { steps: 5 });
    await page.mouse.up();
    await runCommand(page, 'File: Save All');
    // Read until it is what is expected: a read while VS Code writes the file can find it empty.
    const expected = ship.replace('  stage: production\n  script: ./check\n', '  stage: production\n  needs: [staging, prod]\n  script: ./check\n');
    const deadline = Date.now() + UI_TIMEOUT_MS;
    while (onDisk('.gitlab/ci/ship.yml') !== expected && Date.now() < deadline) await page.waitForTimeout(100);
    assert.equal(onDisk('.gitlab/ci/ship.yml'), expected);
    // Renaming prod here is a refactoring of the pipeline: the root's need of it changes too, and
    // VS Code saves both files (no Save All: it once left the root, changed in the background, unsaved).
    await renameInInspector(shipDesigner, 'prod', 'prod-ship', 'Renames 2 references in 2 files.');
    const shipRenamed = expected.replace('prod:\n', 'prod-ship:\n').replace('needs: [staging, prod]', 'needs: [staging, prod-ship]');
    const rootRenamed = rootText.replace('needs: [prod]', 'needs: [prod-ship]');
    const saved = Date.now() + UI_TIMEOUT_MS;
    while (!(onDisk('.gitlab/ci/ship.yml') === shipRenamed && onDisk('.gitlab-ci.yml') === rootRenamed) && Date.now() < saved) await page.waitForTimeout(100);
    assert.equal(onDisk('.gitlab/ci/ship.yml'), shipRenamed);
    assert.equal(onDisk('.gitlab-ci.yml'), rootRenamed);
  });

  check('a quick fix in an included file is planned in the pipeline: the deploy keeps waiting for the jobs before it in other files', async () => {
    const { page } = workbench;
    const onDisk = (path: string) => readFileSync(join(workbench.workspace, ...path.split('/')), 'utf8');
    await runCommand(page, 'View: Close All Editors');
    const release = 'deploy-production:\n  stage: deploy\n  script: ./deploy.sh\n';
    writeFileSync(join(workbench.workspace, '.gitlab', 'ci', 'release.yml'), release);
    await page.locator('.explorer-folders-view .monaco-list-row[aria-label^="release.yml"]').first().click();
    await activeGroup(page).locator('.tab.active[aria-label^="release.yml"]').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    // The fix is offered for the error once it is published (the file is judged in its pipeline first).
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'production-deploy-ungated' }).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await chooseQuickFix(page, 1, 1, 'Insert an approval gate before "deploy-production"');
    await runCommand(page, 'File: Save All');
    // In the pipeline it waits for ship.yml's production jobs; planned on the file alone it needed the gate only.
    const expected = release.replace('  stage: deploy\n', '  stage: deploy\n  needs: [prod-ship, verify, approve-production]\n');
    const deadline = Date.now() + UI_TIMEOUT_MS;
    while (!onDisk('.gitlab/ci/release.yml').startsWith(expected) && Date.now() < deadline) await page.waitForTimeout(100);
    assert.match(onDisk('.gitlab/ci/release.yml'), /^deploy-production:\n  stage: deploy\n  needs: \[prod-ship, verify, approve-production\]\n  script: \.\/deploy\.sh\n\napprove-production:\n/);
  });
});
