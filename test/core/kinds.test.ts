// Kind inference from names, commands, environments, gates and on-failure conditions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inferKind, type JobFacts } from '../../src/core/kinds';
import type { NodeKind } from '../../src/core/model';

const cases: [string, JobFacts, NodeKind][] = [
  ['environment makes a deploy', { id: 'ship', environment: 'production', commands: ['./ship.sh'] }, 'deploy'],
  ['environment + on-failure is a rollback', { id: 'ship', environment: 'production', onFailure: true, commands: [] }, 'rollback'],
  ['environment + rollout undo is a rollback', { id: 'fix', environment: 'production', commands: ['kubectl rollout undo deploy/app'] }, 'rollback'],
  ['a gate without environment is the approval step', { id: 'wait', gate: { kind: 'delayed', after: '30 minutes' }, commands: [] }, 'approval-gate'],
  ['a gate with an environment guards a deploy', { id: 'prod', environment: 'production', gate: { kind: 'manual' }, commands: [] }, 'deploy'],
  ['on-failure alone does not make a rollback', { id: 'report', onFailure: true, commands: ['echo failed'] }, 'other'],
  ['helm rollback command', { id: 'recover', commands: ['helm rollback app 3'] }, 'rollback'],
  ['trivy is a security scan', { id: 'image', commands: ['trivy image app:1'] }, 'security-scan'],
  ['codeql by name', { id: 'analyze', name: 'CodeQL', commands: [] }, 'security-scan'],
  ['e2e by name', { id: 'e2e', commands: ['npm run e2e'] }, 'integration-test'],
  ['health check curl is a verify', { id: 'check-prod', commands: ['curl -fsS https://x.example/health'] }, 'verify'],
  ['slack is a notify', { id: 'tell', commands: ['curl -X POST https://hooks.slack.com/services/x'] }, 'notify'],
  ['kubectl apply is a deploy', { id: 'k8s', commands: ['kubectl apply -f k8s/'] }, 'deploy'],
  ['go test is a test', { id: 'go', commands: ['go test ./...'] }, 'test'],
  ['docker build is a build', { id: 'image', commands: ['docker build -t app .'] }, 'build'],
  ['checkout is a source stage', { id: 'checkout', commands: [] }, 'source'],
  ['approval by name', { id: 'approval', commands: [] }, 'approval-gate'],
  ['"gate" as a word is a gate', { id: 'qa_gate', commands: [] }, 'approval-gate'],
  ['"aggregate" is not a gate', { id: 'aggregate-stats', commands: ['./stats.sh'] }, 'other'],
  ['nothing known', { id: 'misc', commands: ['./run.sh'] }, 'other'],
  // Commands are tested joined (one pattern run per rule); a match must still lie within one.
  ['commands are matched one by one, not across each other', { id: 'misc', commands: ['helm', 'rollback app'] }, 'other'],
  ['a command word in any case, after other commands', { id: 'misc', commands: ['echo start', 'KUBECTL ROLLOUT UNDO deploy/app'] }, 'rollback'],
];

for (const [label, facts, expected] of cases) {
  test(label, () => assert.equal(inferKind(facts), expected));
}
