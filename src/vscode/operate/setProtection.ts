// Setting an environment's protection rules from the designer's inspector: the reviewers typed as
// names are looked up (GitHub wants ids), then a modal confirmation names the environment and the
// repository before `PUT …/environments/{name}` is sent once.
import * as vscode from 'vscode';
import type { PipelineGraph } from '../../core/model';
import { parseReviewerNames, reviewerText } from '../../core/operate/reviewerNames';
import type { WebviewToHost } from '../../shared/protocol';
import type { Connection } from './connection';
import { confirmAndPerform, readForCommand } from './perform';
import { requireReady } from './ready';

type SetProtectionMessage = Extract<WebviewToHost, { type: 'setProtection' }>;

export async function setProtectionFromDesigner(connection: Connection, graph: PipelineGraph, message: SetProtectionMessage): Promise<void> {
  const what = `Protection rules of ${message.environment}`;
  // Only an environment a job of this workflow deploys to: the inspector offers no other.
  if (!graph.nodes.some((n) => n.environment === message.environment)) {
    void vscode.window.showErrorMessage(`${what}: no job of this workflow deploys to ${message.environment}.`);
    return;
  }
  const names = parseReviewerNames(message.reviewers);
  if (!names.ok) {
    void vscode.window.showErrorMessage(`${what}: ${names.error}.`);
    return;
  }
  const ready = await requireReady(connection);
  if (!ready) return;
  const reviewers = names.names.length === 0
    ? []
    : await readForCommand(connection, 'Looking up the reviewers…', () => ready.provider.read({ kind: 'reviewers', names: names.names }));
  if (reviewers === undefined) return;
  const listed = reviewers.map((r) => reviewerText(r, ready.target.owner)).join(', ');
  await confirmAndPerform(
    connection,
    ready,
    {
      kind: 'setProtection',
      environment: message.environment,
      rules: { reviewers: reviewers.map((r) => ({ kind: r.kind, id: r.id })), preventSelfReview: message.preventSelfReview, waitTimerMinutes: message.waitTimerMinutes },
    },
    { confirm: 'Set Protection Rules', ...(listed ? { detail: `Required reviewers: ${listed}.` } : {}) },
  );
}
