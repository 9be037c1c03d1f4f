// The operating part of package.json: what VS Code reads before any code runs. Commands carry the
// Pipewright category and are disabled in Restricted Mode; the settings that choose the server and
// repository are restricted; every view has welcome content for every state the code sets.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { repoRoot } from '../helpers/corpus';

interface Manifest {
  capabilities: { untrustedWorkspaces: { supported: boolean | string; restrictedConfigurations?: string[] } };
  contributes: {
    commands: { command: string; title: string; category?: string; enablement?: string }[];
    views: Record<string, { id: string }[]>;
    viewsWelcome: { view: string; when: string; contents: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    configuration: { properties: Record<string, unknown> };
  };
}

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Manifest;
const OPERATING = ['signIn', 'signInWithToken', 'signOut', 'refresh', 'runWorkflow', 'approveDeployment', 'rejectDeployment', 'rollBack', 'cancelRun', 'rerunFailedJobs', 'showJobLogs'].map((c) => `pipewright.${c}`);
const VIEWS = ['pipewright.environments', 'pipewright.runs', 'pipewright.approvals'];

describe('package.json: operating', () => {
  test('every operating command has the Pipewright category and is disabled in Restricted Mode', () => {
    for (const id of OPERATING) {
      const command = manifest.contributes.commands.find((c) => c.command === id);
      assert.ok(command, `${id} is contributed`);
      assert.equal(command.category, 'Pipewright', id);
      assert.match(command.enablement ?? '', /\bisWorkspaceTrusted\b/, `${id} needs a trusted workspace`);
    }
  });

  test('settings that choose where requests go cannot come from an untrusted workspace', () => {
    const { supported, restrictedConfigurations } = manifest.capabilities.untrustedWorkspaces;
    assert.equal(supported, 'limited');
    for (const setting of ['pipewright.github.apiUrl', 'pipewright.github.repository', 'pipewright.github.label']) {
      assert.ok(restrictedConfigurations?.includes(setting), `${setting} is restricted`);
      assert.ok(setting in manifest.contributes.configuration.properties, `${setting} is declared`);
    }
  });

  test('the views live in the Pipewright container and say what to do in every state', () => {
    assert.deepEqual(manifest.contributes.views.pipewright.map((v) => v.id), VIEWS);
    for (const view of VIEWS) {
      const whens = manifest.contributes.viewsWelcome.filter((w) => w.view === view).map((w) => w.when);
      for (const state of ['!isWorkspaceTrusted', 'noRepository', 'signedOut', `${view}.failed`, 'starting']) {
        assert.ok(whens.some((w) => w.includes(state)), `${view} has welcome content for ${state}`);
      }
    }
    const retry = manifest.contributes.viewsWelcome.filter((w) => w.when.endsWith('.failed'));
    assert.ok(retry.every((w) => w.contents.includes('(command:pipewright.refresh)')), 'a failed request offers Retry');
  });

  test('menus name only contributed commands', () => {
    const known = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
      for (const item of items) assert.ok(known.has(item.command), `${menu} names ${item.command}`);
    }
  });
});
