// The palette as GitHub Actions jobs: plain data the edit engine stringifies in the file's style.
// Settings a team must supply are read from repository variables (`vars.*`) and secrets, so each
// job runs as written once those are configured. Keys follow the order GitHub's docs use.
import { Refusal } from '../edit/splices';
import type { RenderedTemplate, TemplateContext } from './types';

type Job = Record<string, unknown>;

const IMAGE = 'ghcr.io/${{ github.repository }}:${{ github.sha }}';

const checkout = { uses: 'actions/checkout@v4' };

const setupNode = {
  name: 'Set up Node.js with the npm cache',
  uses: 'actions/setup-node@v4',
  with: { 'node-version': 20, cache: 'npm' },
};

function kubeContext(secret: string) {
  return {
    name: 'Use the cluster credentials',
    uses: 'azure/k8s-set-context@v4',
    with: { method: 'kubeconfig', kubeconfig: `\${{ secrets.${secret} }}` },
  };
}

/** A trstringer/manual-approval step: opens an issue and waits for approvers to answer it. */
export function manualApprovalStep(inputs: { approvers: string; minimum?: number; title: string; body?: string }): Record<string, unknown> {
  return {
    name: 'Wait for approval',
    uses: 'trstringer/manual-approval@v1',
    with: {
      secret: '${{ github.TOKEN }}',
      approvers: inputs.approvers,
      ...(inputs.minimum !== undefined ? { 'minimum-approvals': inputs.minimum } : {}),
      'issue-title': inputs.title,
      ...(inputs.body !== undefined ? { 'issue-body': inputs.body } : {}),
    },
  };
}

const build: Job = {
  name: 'Build',
  'runs-on': 'ubuntu-latest',
  steps: [
    checkout,
    setupNode,
    { name: 'Install dependencies', run: 'npm ci' },
    { name: 'Build', run: 'npm run build' },
    {
      name: 'Upload the build output',
      uses: 'actions/upload-artifact@v4',
      with: { name: 'dist', path: 'dist/', 'retention-days': 7 },
    },
  ],
};

const unitTests: Job = {
  name: 'Unit tests',
  'runs-on': 'ubuntu-latest',
  steps: [
    checkout,
    setupNode,
    { name: 'Install dependencies', run: 'npm ci' },
    { name: 'Run the unit tests', run: 'npm test -- --ci --reporters=default --reporters=jest-junit', env: { JEST_JUNIT_OUTPUT_DIR: 'reports' } },
    {
      name: 'Upload the test report',
      if: '${{ !cancelled() }}',
      uses: 'actions/upload-artifact@v4',
      with: { name: 'unit-test-report', path: 'reports/' },
    },
  ],
};

const securityScan: Job = {
  name: 'Security scan',
  'runs-on': 'ubuntu-latest',
  steps: [
    checkout,
    { name: 'Build the image', run: `docker build -t ${IMAGE} .` },
    {
      name: 'Scan the image with Trivy',
      uses: 'aquasecurity/trivy-action@0.28.0',
      with: {
        'image-ref': IMAGE,
        format: 'table',
        'exit-code': '1',
        'ignore-unfixed': true,
        'vuln-type': 'os,library',
        severity: 'CRITICAL,HIGH',
      },
    },
  ],
};

const deployStaging: Job = {
  name: 'Deploy to staging',
  'runs-on': 'ubuntu-latest',
  environment: { name: 'staging', url: '${{ vars.STAGING_URL }}' },
  concurrency: 'staging',
  steps: [
    checkout,
    kubeContext('KUBE_CONFIG'),
    {
      name: 'Deploy',
      run: `kubectl apply -f k8s/\nkubectl set image deployment/app app=${IMAGE}\nkubectl rollout status deployment/app --timeout=5m\n`,
    },
  ],
};

const e2eTests: Job = {
  name: 'E2E smoke tests',
  'runs-on': 'ubuntu-latest',
  steps: [
    checkout,
    setupNode,
    { name: 'Install dependencies', run: 'npm ci' },
    { name: 'Install the browsers', run: 'npx playwright install --with-deps chromium' },
    { name: 'Run the smoke tests', run: 'npx playwright test --grep @smoke', env: { BASE_URL: '${{ vars.STAGING_URL }}' } },
    {
      name: 'Upload the test report',
      if: '${{ !cancelled() }}',
      uses: 'actions/upload-artifact@v4',
      with: { name: 'e2e-report', path: 'playwright-report/' },
    },
  ],
};

// The gates. GitHub's own manual gate is an environment with required reviewers: the job that
// names it waits until one of them approves. The reviewers are set in the repository settings,
// not in YAML, so the template says where in a comment. The multi-approver gate asks named
// people through an issue (trstringer/manual-approval, approvers in the RELEASE_APPROVERS
// variable); job-level permissions replace the workflow's for that job, and the action needs
// only `issues: write`. A GitHub-hosted job ends after 6 hours, waiting or not.
const APPROVAL_ENVIRONMENT = 'production-approval';

const approvalManual: Job = {
  name: 'Approval gate',
  'runs-on': 'ubuntu-latest',
  environment: APPROVAL_ENVIRONMENT,
  steps: [{ name: 'Record the approval', run: `echo "Approved by a required reviewer of the ${APPROVAL_ENVIRONMENT} environment"` }],
};

const approvalDelayed: Job = {
  name: 'Wait 30 minutes',
  'runs-on': 'ubuntu-latest',
  'timeout-minutes': 45,
  steps: [{ name: 'Wait before continuing', run: 'echo "Waiting 30 minutes; cancel the run to stop here"\nsleep 30m\n' }],
};

const approvalApprovers: Job = {
  name: 'Release approval',
  'runs-on': 'ubuntu-latest',
  permissions: { issues: 'write' },
  'timeout-minutes': 360,
  steps: [
    manualApprovalStep({
      approvers: '${{ vars.RELEASE_APPROVERS }}',
      title: 'Release ${{ github.sha }} to production',
      body: 'Check the staging smoke tests and the release notes, then comment "approve" or "deny".',
    }),
  ],
};

const production = { name: 'production', url: '${{ vars.PRODUCTION_URL }}' };

const deployRolling: Job = {
  name: 'Deploy to production (rolling)',
  'runs-on': 'ubuntu-latest',
  environment: production,
  concurrency: 'production',
  steps: [
    checkout,
    kubeContext('KUBE_CONFIG'),
    {
      name: 'Roll out pod by pod',
      run:
        `kubectl patch deployment app -p '{"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":0}}}}'\n` +
        `kubectl set image deployment/app app=${IMAGE}\n` +
        'kubectl rollout status deployment/app --timeout=10m\n',
    },
  ],
};

const deployBlueGreen: Job = {
  name: 'Deploy to production (blue-green)',
  'runs-on': 'ubuntu-latest',
  environment: production,
  concurrency: 'production',
  steps: [
    checkout,
    kubeContext('KUBE_CONFIG'),
    {
      name: 'Deploy to the idle color',
      id: 'idle',
      run:
        "LIVE=$(kubectl get service app -o jsonpath='{.spec.selector.color}')\n" +
        'if [ "$LIVE" = blue ]; then IDLE=green; else IDLE=blue; fi\n' +
        `kubectl set image deployment/app-$IDLE app=${IMAGE}\n` +
        'kubectl rollout status deployment/app-$IDLE --timeout=10m\n' +
        'echo "color=$IDLE" >> "$GITHUB_OUTPUT"\n',
    },
    {
      name: 'Switch the service selector to it',
      run: 'kubectl patch service app -p "{\\"spec\\":{\\"selector\\":{\\"app\\":\\"app\\",\\"color\\":\\"${{ steps.idle.outputs.color }}\\"}}}"',
    },
  ],
};

const deployCanary: Job = {
  name: 'Deploy to production (canary)',
  'runs-on': 'ubuntu-latest',
  environment: production,
  concurrency: 'production',
  'timeout-minutes': 60,
  steps: [
    checkout,
    kubeContext('KUBE_CONFIG'),
    {
      name: 'Install the Argo Rollouts plugin',
      run:
        'curl -fsSL -o kubectl-argo-rollouts https://github.com/argoproj/argo-rollouts/releases/latest/download/kubectl-argo-rollouts-linux-amd64\n' +
        'sudo install -m 0755 kubectl-argo-rollouts /usr/local/bin/kubectl-argo-rollouts\n',
    },
    {
      name: 'Shift traffic in steps (10%, 50%, then all)',
      run:
        `kubectl patch rollout app --type merge -p '{"spec":{"strategy":{"canary":{"steps":[{"setWeight":10},{"pause":{"duration":"5m"}},{"setWeight":50},{"pause":{"duration":"10m"}}]}}}}'\n` +
        `kubectl argo rollouts set image app app=${IMAGE}\n` +
        'kubectl argo rollouts status app --timeout 45m\n',
    },
  ],
};

const deployFeatureFlag: Job = {
  name: 'Deploy to production (feature flag)',
  'runs-on': 'ubuntu-latest',
  environment: production,
  concurrency: 'production',
  steps: [
    checkout,
    kubeContext('KUBE_CONFIG'),
    {
      name: 'Deploy dark (the feature stays off)',
      run: 'helm upgrade --install app ./chart --set image.tag=${{ github.sha }} --wait --timeout 10m',
    },
    {
      name: 'Release: turn the feature flag on',
      env: { UNLEASH_URL: '${{ vars.UNLEASH_URL }}', UNLEASH_TOKEN: '${{ secrets.UNLEASH_ADMIN_TOKEN }}', FEATURE: '${{ vars.RELEASE_FEATURE }}' },
      run: 'curl -fsS --retry 3 -X POST -H "Authorization: $UNLEASH_TOKEN" "$UNLEASH_URL/api/admin/projects/default/features/$FEATURE/environments/production/on"',
    },
  ],
};

const verifyHealth: Job = {
  name: 'Verify health',
  'runs-on': 'ubuntu-latest',
  steps: [
    {
      name: 'Poll the health endpoint',
      run: 'curl -fsS --retry 10 --retry-delay 15 --retry-all-errors --max-time 10 "${{ vars.PRODUCTION_URL }}/healthz"',
    },
  ],
};

const verifyErrorRate: Job = {
  name: 'Verify error rate',
  'runs-on': 'ubuntu-latest',
  'timeout-minutes': 15,
  steps: [
    {
      name: 'Check the 5xx rate in Prometheus',
      env: { PROMETHEUS_URL: '${{ vars.PROMETHEUS_URL }}', MAX_ERROR_RATE: '0.01' },
      run:
        "QUERY='sum(rate(http_requests_total{job=\"app\",code=~\"5..\"}[5m])) / sum(rate(http_requests_total{job=\"app\"}[5m]))'\n" +
        'for attempt in 1 2 3 4 5; do\n' +
        '  RATE=$(curl -fsS --retry 3 --get "$PROMETHEUS_URL/api/v1/query" --data-urlencode "query=$QUERY" | jq -r \'.data.result[0].value[1] // "0"\')\n' +
        '  echo "error rate: $RATE (limit $MAX_ERROR_RATE)"\n' +
        '  if awk -v r="$RATE" -v max="$MAX_ERROR_RATE" \'BEGIN { exit !(r <= max) }\'; then exit 0; fi\n' +
        '  sleep 60\n' +
        'done\n' +
        'echo "the error rate stayed above $MAX_ERROR_RATE"\n' +
        'exit 1\n',
    },
  ],
};

const rollbackAuto: Job = {
  name: 'Rollback',
  'runs-on': 'ubuntu-latest',
  if: '${{ failure() }}',
  steps: [
    kubeContext('KUBE_CONFIG'),
    { name: 'Undo the rollout', run: 'kubectl rollout undo deployment/app\nkubectl rollout status deployment/app --timeout=5m\n' },
  ],
};

const rollbackManual: Job = {
  name: 'Rollback to a revision',
  'runs-on': 'ubuntu-latest',
  // Runs only when the workflow is started by hand with a `revision` input (workflow_dispatch).
  if: "${{ github.event_name == 'workflow_dispatch' && inputs.revision != '' }}",
  steps: [
    kubeContext('KUBE_CONFIG'),
    {
      name: 'Roll back to the chosen revision',
      env: { REVISION: '${{ inputs.revision }}' },
      run: 'kubectl rollout history deployment/app\nkubectl rollout undo deployment/app --to-revision="$REVISION"\nkubectl rollout status deployment/app --timeout=5m\n',
    },
  ],
};

const notify: Job = {
  name: 'Notify',
  'runs-on': 'ubuntu-latest',
  if: '${{ always() }}',
  steps: [
    {
      name: 'Post the result to the chat webhook',
      env: {
        WEBHOOK_URL: '${{ secrets.CHAT_WEBHOOK_URL }}',
        RESULT: "${{ contains(needs.*.result, 'failure') && 'failed' || 'succeeded' }}",
      },
      run:
        'curl -fsS --retry 3 -X POST -H "Content-Type: application/json" \\\n' +
        '  --data "{\\"text\\": \\"$GITHUB_WORKFLOW #$GITHUB_RUN_NUMBER $RESULT: $GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID\\"}" \\\n' +
        '  "$WEBHOOK_URL"\n',
    },
  ],
};

const TEMPLATES: Record<string, Job> = {
  build,
  'unit-tests': unitTests,
  'security-scan': securityScan,
  'deploy-staging': deployStaging,
  'e2e-tests': e2eTests,
  'approval-manual': approvalManual,
  'approval-delayed': approvalDelayed,
  'approval-approvers': approvalApprovers,
  'deploy-production-rolling': deployRolling,
  'deploy-production-blue-green': deployBlueGreen,
  'deploy-production-canary': deployCanary,
  'deploy-production-feature-flag': deployFeatureFlag,
  'verify-health': verifyHealth,
  'verify-error-rate': verifyErrorRate,
  'rollback-auto': rollbackAuto,
  'rollback-manual': rollbackManual,
  notify,
};

// What a template's YAML cannot say itself, written as a comment above the key it is about.
const COMMENTS: Record<string, Record<string, string>> = {
  'approval-manual': {
    environment: `Required reviewers of ${APPROVAL_ENVIRONMENT} are set in the repository settings (Settings > Environments).`,
  },
};

export const GITHUB_TEMPLATE_NAMES: readonly string[] = Object.keys(TEMPLATES);

/** The job a palette item adds, as plain data (a fresh copy each time). */
export function githubTemplate(name: string, _ctx: TemplateContext): RenderedTemplate {
  const body = TEMPLATES[name];
  if (!body) throw new Refusal(`there is no GitHub Actions template named "${name}"`);
  const comments = COMMENTS[name];
  return { body: structuredClone(body), ...(comments !== undefined ? { comments: { ...comments } } : {}) };
}
