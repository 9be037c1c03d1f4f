// The sample workspace `npm start` opens: it shows its README first, and each of its pipelines
// (one per dialect, and an Azure one split over files) draws in the designer with the stages and dependencies the README promises,
// and no problems.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { root } from '../../scripts/lib/codeServer.mjs';
import { startSettings } from '../../scripts/lib/startWorkspace.mjs';
import {
  closeStartupReadme,
  designerFrame,
  firstViewOf,
  graphEdge,
  graphEdgeIds,
  graphJobIds,
  launchWorkbench,
  openFile,
  runCommand,
  screenshotOnFailure,
  UI_TIMEOUT_MS,
  waitForReadmePreview,
  type Workbench,
} from '../helpers/vscodeHarness';

interface Expected {
  file: string;
  nodes: string[];
  /** Edges that must be drawn, `from->to`. */
  edges: string[];
  /** The flow's first node: the first view shows it, readable. */
  first: string;
}

const samples: Expected[] = [
  {
    file: 'deploy.yml',
    nodes: ['approve', 'build', 'production', 'rollback', 'staging', 'test', 'verify'],
    edges: ['build->test', 'test->staging', 'staging->approve', 'approve->production', 'production->verify', 'verify->rollback'],
    first: 'build',
  },
  {
    file: '.gitlab-ci.yml',
    nodes: ['build', 'container-scan', 'deploy-production', 'deploy-staging', 'performance-check', 'rollback', 'unit-tests'],
    edges: ['build->unit-tests', 'container-scan->deploy-staging', 'deploy-staging->deploy-production', 'deploy-production->performance-check'],
    first: 'build',
  },
  {
    file: 'azure-pipelines.yml',
    nodes: ['Approval', 'Approval/WaitForValidation', 'Build', 'Build/BuildAndTest', 'Production', 'Production/DeployProduction', 'Staging', 'Staging/DeployStaging'],
    edges: ['Build->Staging', 'Staging->Approval', 'Approval->Production'],
    first: 'Build',
  },
  {
    // A pipeline split over files: the region stages come from one template, used twice.
    file: 'multi-region.yml',
    nodes: ['Build', 'Build/Package', 'Deploy_eu', 'Deploy_eu/Rollout', 'Deploy_eu/Smoke', 'Deploy_us', 'Deploy_us/Rollout', 'Deploy_us/Smoke'],
    edges: ['Build->Deploy_eu', 'Deploy_eu/Rollout->Deploy_eu/Smoke', 'Deploy_eu->Deploy_us'],
    first: 'Build',
  },
];

describe('samples/ in the designer (code-server)', { timeout: 300_000 }, () => {
  let workbench: Workbench;

  before(async () => {
    // npm start's own settings: it opens on the samples' README.
    workbench = await launchWorkbench({ workspaceFrom: join(root, 'samples'), name: 'samples', settings: startSettings });
  });

  after(async () => {
    await workbench?.close();
  });

  test('the workspace opens on its README ("Things to try")', async () => {
    await screenshotOnFailure(workbench.page, 'samples-readme', async () => {
      await waitForReadmePreview(workbench.page);
      const preview = await workbench.page.locator('.tabs-container .tab.active').getAttribute('aria-label');
      assert.equal(preview, '[Preview] README.md');
      // Out of the way of the keys the tests below type.
      await closeStartupReadme(workbench.page);
    });
  });

  for (const sample of samples) {
    test(`${sample.file} draws its stages and dependencies`, async () => {
      await screenshotOnFailure(workbench.page, `samples-${sample.file}`, async () => {
        const { page } = workbench;
        await openFile(page, sample.file);
        await runCommand(page, 'Pipewright: Open in Designer');
        // Designers of earlier samples may still be open: find the one drawing this file.
        const designer = await designerFrame(page, sample.nodes[0]);
        const [from, to] = sample.edges[sample.edges.length - 1].split('->');
        await graphEdge(designer, from, to).waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
        assert.deepEqual(await graphJobIds(designer), sample.nodes);
        const edges = await graphEdgeIds(designer);
        for (const edge of sample.edges) assert.ok(edges.includes(edge), `edge ${edge} missing; drawn: ${edges.join(', ')}`);
        assert.equal(await designer.locator('.pw-problem').count(), 0, 'the sample shows problems');
        // Beside the text, it opens readable (node text at least 11 px) at the start of the flow.
        const view = await firstViewOf(designer, sample.first);
        assert.ok(view.inView, `${sample.first} is in view`);
        assert.ok(view.smallestTextPx >= 11 - 0.01, `node text is ${view.smallestTextPx.toFixed(2)} px on screen`);
        await runCommand(page, 'View: Close All Editors');
      });
    });
  }
});
