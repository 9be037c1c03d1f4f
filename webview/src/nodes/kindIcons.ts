// Codicon per node kind: a quick visual cue for what a stage is for.
import type { GateKind, NodeKind } from '../../../src/core/model';

const KIND_ICONS: Record<NodeKind, string> = {
  source: 'repo',
  build: 'package',
  test: 'beaker',
  'security-scan': 'shield',
  deploy: 'rocket',
  'integration-test': 'plug',
  'approval-gate': 'person',
  verify: 'pulse',
  rollback: 'history',
  notify: 'bell',
  other: 'circle-large-outline',
};

const GATE_ICONS: Record<GateKind, string> = {
  manual: 'person',
  delayed: 'watch',
  approvers: 'organization',
};

/** Class names for a codicon <span>; unknown kinds (a newer host) fall back to "other". */
export function kindIconClass(kind: NodeKind): string {
  return `codicon codicon-${KIND_ICONS[kind] ?? KIND_ICONS.other}`;
}

export function gateIconClass(gate: GateKind): string {
  return `codicon codicon-${GATE_ICONS[gate] ?? 'person'}`;
}
