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
  ['trivy is a security scan', { id: 'ci', commands: ['trivy image app:1'] }, 'security-scan'],
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
  // An environment whose job deploys nothing and says approval is the approval step itself.
  ['an approval environment guarding nothing is the gate', { id: 'approve', environment: 'production-approval', commands: ['echo "Approved"'] }, 'approval-gate'],
  ['a job named approve waiting on an environment is the gate', { id: 'approve', environment: 'production', commands: ['echo ok'] }, 'approval-gate'],
  ['a job that deploys to an approval environment is a deploy', { id: 'release', environment: 'production-approval', commands: ['kubectl apply -f k8s/'] }, 'deploy'],
  ['a job named deploy in an approval environment is a deploy', { id: 'deploy-web', environment: 'production-approval', commands: ['./ship.sh'] }, 'deploy'],
  ['"manual" in a deploy job\'s name is not an approval', { id: 'production_manual', environment: 'production', commands: ['deploy'] }, 'deploy'],
  // A name that says what the job is comes before its commands.
  ['a test job that also runs a scanner is a test', { id: 'test', commands: ['npm test -- --coverage', 'trivy image --exit-code 1 app:1'] }, 'test'],
  ['a job named build that also runs CodeQL is a build', { id: 'Build', commands: ['CodeQL3000Init@0', 'dotnet build'] }, 'build'],
  ['a job named deploy without an environment is a deploy', { id: 'Deploy_ACI', name: 'Deploy to ACI', commands: ['az ml model deploy', './smoke_test.sh'] }, 'deploy'],
  // Without such a name, what most commands do; a tie goes to the more specific kind.
  ['most commands scan', { id: 'ci', commands: ['npm test', 'trivy fs .', 'grype dir:.'] }, 'security-scan'],
  ['most commands test', { id: 'ci', commands: ['npm test', 'pytest', 'trivy fs .'] }, 'test'],
  ['a tie goes to the more specific kind', { id: 'ci', commands: ['npm test', 'trivy fs .'] }, 'security-scan'],
  // Names that only hint, then build commands, which run in nearly every job.
  ['a check that curls the health endpoint is a verify', { id: 'performance-check', commands: ['curl -fsS https://example.com/healthz'] }, 'verify'],
  ['a check that runs make is a test', { id: 'shellcheck', commands: ['make shellcheck'] }, 'test'],
  ['a QA gate that runs tests is a test', { id: 'qa-gate', commands: ['npm test'] }, 'test'],
  ['setup is a source stage even when it makes something', { id: 'setup', commands: ['make deps'] }, 'source'],
  ['build commands decide when nothing else does', { id: 'ci', commands: ['npm ci', 'npm run build'] }, 'build'],
  // Commands are tested joined (one pattern run per rule); a match must still lie within one.
  ['commands are matched one by one, not across each other', { id: 'misc', commands: ['helm', 'rollback app'] }, 'other'],
  ['a command word in any case, after other commands', { id: 'misc', commands: ['echo start', 'KUBECTL ROLLOUT UNDO deploy/app'] }, 'rollback'],
];

for (const [label, facts, expected] of cases) {
  test(label, () => assert.equal(inferKind(facts), expected));
}
