// The palette for Azure Pipelines: each template is one `- stage:` with a display name and one
// job or deployment job, written as Azure authors write them (tasks over ad-hoc scripts where a
// task exists; agentless `pool: server` jobs for gates; deployment jobs with environments and
// strategies). Plain data: the edit engine stringifies it in the file's own style.
import type { RenderedTemplate, TemplateContext } from './types';

type Mapping = Record<string, unknown>;

const UBUNTU = { vmImage: 'ubuntu-latest' };

// Kubernetes work goes through an Azure service connection and an AKS cluster named by these
// variables, so every Kubernetes template reads the same three settings.
const AKS_VARIABLES = {
  azureSubscription: 'production-subscription',
  aksResourceGroup: 'production-rg',
  aksCluster: 'production-aks',
};

function kubectlScript(displayName: string, script: string): Mapping {
  return {
    task: 'AzureCLI@2',
    displayName,
    inputs: {
      azureSubscription: '$(azureSubscription)',
      scriptType: 'bash',
      scriptLocation: 'inlineScript',
      inlineScript: `set -euo pipefail\naz aks get-credentials --resource-group "$(aksResourceGroup)" --name "$(aksCluster)" --overwrite-existing\n${script}`,
    },
  };
}

const HEALTH_CHECK = 'curl -fsS --retry 10 --retry-delay 10 --retry-all-errors --max-time 10 https://www.example.com/health';

function stage(id: string, displayName: string, job: Mapping, extra: Mapping = {}): Mapping {
  return { stage: id, displayName, ...extra, jobs: [job] };
}

const TEMPLATES: Record<string, (id: string) => Mapping> = {
  build: (id) =>
    stage(id, 'Build', {
      job: 'Build',
      displayName: 'Build and publish the artifact',
      pool: UBUNTU,
      variables: { npm_config_cache: '$(Pipeline.Workspace)/.npm' },
      steps: [
        { task: 'NodeTool@0', displayName: 'Use Node.js 20', inputs: { versionSpec: '20.x' } },
        {
          task: 'Cache@2',
          displayName: 'Cache npm packages',
          inputs: { key: 'npm | "$(Agent.OS)" | package-lock.json', restoreKeys: 'npm | "$(Agent.OS)"', path: '$(npm_config_cache)' },
        },
        { script: 'npm ci\nnpm run build\n', displayName: 'Install and build' },
        {
          task: 'PublishPipelineArtifact@1',
          displayName: 'Publish the build output',
          inputs: { targetPath: '$(System.DefaultWorkingDirectory)/dist', artifact: 'app', publishLocation: 'pipeline' },
        },
      ],
    }),

  'unit-tests': (id) =>
    stage(id, 'Unit tests', {
      job: 'UnitTests',
      displayName: 'Run the unit tests',
      pool: UBUNTU,
      steps: [
        { task: 'NodeTool@0', displayName: 'Use Node.js 20', inputs: { versionSpec: '20.x' } },
        { script: 'npm ci', displayName: 'Install dependencies' },
        {
          script: 'npm test -- --ci --reporters=default --reporters=jest-junit',
          displayName: 'Run the unit tests',
          env: { JEST_JUNIT_OUTPUT_DIR: '$(Common.TestResultsDirectory)' },
        },
        {
          task: 'PublishTestResults@2',
          displayName: 'Publish the test report',
          condition: 'succeededOrFailed()',
          inputs: {
            testResultsFormat: 'JUnit',
            testResultsFiles: '**/junit*.xml',
            searchFolder: '$(Common.TestResultsDirectory)',
            testRunTitle: 'Unit tests',
          },
        },
      ],
    }),

  'security-scan': (id) =>
    stage(id, 'Security scan', {
      job: 'ImageScan',
      displayName: 'Scan the container image with Trivy',
      pool: UBUNTU,
      variables: { image: 'app:$(Build.BuildId)' },
      steps: [
        { script: 'docker build --tag "$(image)" .', displayName: 'Build the image to scan' },
        {
          task: 'Cache@2',
          displayName: 'Cache the Trivy database',
          inputs: { key: 'trivy | "$(Agent.OS)"', path: '$(Pipeline.Workspace)/.trivy' },
        },
        {
          script:
            'docker run --rm -v /var/run/docker.sock:/var/run/docker.sock -v "$(Pipeline.Workspace)/.trivy:/root/.cache/trivy" \\\n' +
            '  aquasec/trivy:0.56.2 image --exit-code 1 --severity HIGH,CRITICAL --ignore-unfixed "$(image)"\n',
          displayName: 'Fail on high and critical vulnerabilities',
        },
      ],
    }),

  'deploy-staging': (id) =>
    stage(id, 'Deploy to staging', {
      deployment: 'DeployStaging',
      displayName: 'Deploy to staging',
      pool: UBUNTU,
      environment: 'staging',
      strategy: {
        runOnce: {
          deploy: {
            steps: [
              { download: 'current', artifact: 'app' },
              {
                task: 'KubernetesManifest@1',
                displayName: 'Apply the manifests',
                inputs: {
                  action: 'deploy',
                  connectionType: 'kubernetesServiceConnection',
                  kubernetesServiceConnection: 'staging-aks',
                  namespace: 'staging',
                  manifests: '$(Pipeline.Workspace)/app/k8s/*.yaml',
                },
              },
            ],
          },
        },
      },
    }),

  'e2e-tests': (id) =>
    stage(id, 'E2E smoke tests', {
      job: 'SmokeTests',
      displayName: 'End-to-end smoke tests against staging',
      pool: UBUNTU,
      variables: { BASE_URL: 'https://staging.example.com' },
      steps: [
        { script: 'npm ci\nnpx playwright install --with-deps chromium\n', displayName: 'Install Playwright' },
        {
          script: 'npx playwright test --grep @smoke --reporter=junit',
          displayName: 'Run the smoke tests',
          env: { PLAYWRIGHT_JUNIT_OUTPUT_NAME: '$(Common.TestResultsDirectory)/e2e-junit.xml' },
        },
        {
          task: 'PublishTestResults@2',
          displayName: 'Publish the test report',
          condition: 'succeededOrFailed()',
          inputs: { testResultsFormat: 'JUnit', testResultsFiles: '$(Common.TestResultsDirectory)/e2e-junit.xml', testRunTitle: 'Smoke tests' },
        },
      ],
    }),

  'approval-manual': (id) =>
    stage(id, 'Manual approval', {
      job: 'Approve',
      displayName: 'Wait for a manual approval',
      pool: 'server',
      timeoutInMinutes: 4320,
      steps: [
        {
          task: 'ManualValidation@0',
          timeoutInMinutes: 1440,
          inputs: { notifyUsers: '', instructions: 'Check the staging deployment, then resume or reject the run.', onTimeout: 'reject' },
        },
      ],
    }),

  'approval-delayed': (id) =>
    stage(id, 'Wait 30 minutes', {
      job: 'Wait',
      displayName: 'Wait 30 minutes before continuing',
      pool: 'server',
      timeoutInMinutes: 45,
      steps: [{ task: 'Delay@1', inputs: { delayForMinutes: '30' } }],
    }),

  'approval-approvers': (id) =>
    stage(id, 'Release approval', {
      job: 'Approve',
      displayName: 'Wait for the release approvers',
      pool: 'server',
      timeoutInMinutes: 4320,
      steps: [
        {
          task: 'ManualValidation@0',
          timeoutInMinutes: 1440,
          inputs: {
            notifyUsers: 'release-managers@example.com, qa-lead@example.com',
            instructions: 'Review the staging results and the change log, then approve the release to production.',
            onTimeout: 'reject',
          },
        },
      ],
    }),

  'deploy-production-rolling': (id) =>
    stage(id, 'Deploy to production (rolling)', {
      deployment: 'DeployProduction',
      displayName: 'Roll out to the production servers',
      // Azure's rolling strategy works on the virtual machines of an environment.
      environment: { name: 'production', resourceType: 'VirtualMachine', tags: 'web' },
      strategy: {
        rolling: {
          maxParallel: 2,
          preDeploy: { steps: [{ download: 'current', artifact: 'app' }] },
          deploy: {
            steps: [
              {
                script: 'sudo systemctl stop web\nsudo rsync -a --delete "$(Pipeline.Workspace)/app/" /srv/web/\nsudo systemctl start web\n',
                displayName: 'Install the new version on this server',
              },
            ],
          },
          postRouteTraffic: { steps: [{ script: 'curl -fsS --retry 10 --retry-delay 5 --retry-all-errors http://localhost:8080/health', displayName: 'Check this server' }] },
        },
      },
    }),

  'deploy-production-blue-green': (id) =>
    stage(id, 'Deploy to production (blue-green)', {
      deployment: 'DeployProduction',
      displayName: 'Deploy the idle colour, then switch the service to it',
      pool: UBUNTU,
      environment: 'production',
      variables: AKS_VARIABLES,
      strategy: {
        runOnce: {
          deploy: {
            steps: [
              { download: 'current', artifact: 'app' },
              kubectlScript(
                'Deploy the idle colour and switch the service selector',
                'live=$(kubectl -n production get service web -o jsonpath=\'{.spec.selector.slot}\')\n' +
                  'idle=$([ "$live" = blue ] && echo green || echo blue)\n' +
                  'sed "s/__SLOT__/$idle/g" "$(Pipeline.Workspace)/app/k8s/deployment.yaml" | kubectl -n production apply -f -\n' +
                  'kubectl -n production rollout status "deployment/web-$idle" --timeout=300s\n' +
                  'kubectl -n production patch service web -p "{\\"spec\\":{\\"selector\\":{\\"app\\":\\"web\\",\\"slot\\":\\"$idle\\"}}}"\n',
              ),
            ],
          },
        },
      },
    }),

  'deploy-production-canary': (id) => {
    const manifests = {
      connectionType: 'kubernetesServiceConnection',
      kubernetesServiceConnection: 'production-aks',
      namespace: 'production',
      strategy: 'canary',
      manifests: '$(Pipeline.Workspace)/app/k8s/*.yaml',
    };
    return stage(id, 'Deploy to production (canary)', {
      deployment: 'DeployProduction',
      displayName: 'Shift traffic to the new version in steps',
      pool: UBUNTU,
      environment: 'production',
      strategy: {
        canary: {
          increments: [10, 50],
          preDeploy: { steps: [{ download: 'current', artifact: 'app' }] },
          deploy: {
            steps: [{ task: 'KubernetesManifest@1', displayName: 'Deploy the canary', inputs: { action: 'deploy', ...manifests, percentage: '$(strategy.increment)' } }],
          },
          postRouteTraffic: { steps: [{ script: HEALTH_CHECK, displayName: 'Check the canary' }] },
          on: {
            failure: { steps: [{ task: 'KubernetesManifest@1', displayName: 'Reject the canary', inputs: { action: 'reject', ...manifests } }] },
            success: { steps: [{ task: 'KubernetesManifest@1', displayName: 'Promote the canary', inputs: { action: 'promote', ...manifests } }] },
          },
        },
      },
    });
  },

  'deploy-production-feature-flag': (id) =>
    stage(id, 'Deploy to production (feature flag)', {
      deployment: 'DeployProduction',
      displayName: 'Deploy dark, then turn the feature flag on',
      pool: UBUNTU,
      environment: 'production',
      variables: { ...AKS_VARIABLES, featureFlag: 'new-checkout' },
      strategy: {
        runOnce: {
          deploy: {
            steps: [
              { download: 'current', artifact: 'app' },
              kubectlScript(
                'Deploy with the feature turned off',
                'kubectl -n production apply -f "$(Pipeline.Workspace)/app/k8s/"\nkubectl -n production rollout status deployment/web --timeout=300s\n',
              ),
              {
                script:
                  'curl -fsS -X PATCH "https://app.launchdarkly.com/api/v2/flags/default/$(featureFlag)" \\\n' +
                  '  -H "Authorization: $LD_API_TOKEN" -H "Content-Type: application/json; domain-model=launchdarkly.semanticpatch" \\\n' +
                  '  -d \'{"environmentKey": "production", "instructions": [{"kind": "turnFlagOn"}]}\'\n',
                displayName: 'Release: turn the feature flag on',
                env: { LD_API_TOKEN: '$(launchDarklyApiToken)' },
              },
            ],
          },
        },
      },
    }),

  'verify-health': (id) =>
    stage(id, 'Verify health', {
      job: 'HealthCheck',
      displayName: 'Poll the health endpoint',
      pool: UBUNTU,
      steps: [{ script: HEALTH_CHECK, displayName: 'Wait until /health answers' }],
    }),

  'verify-error-rate': (id) =>
    stage(id, 'Verify error rate', {
      job: 'ErrorRate',
      displayName: 'Check the error rate in Prometheus',
      pool: UBUNTU,
      variables: { prometheusUrl: 'http://prometheus.example.com:9090', maxErrorRate: '0.01' },
      steps: [
        {
          script:
            'query=\'sum(rate(http_requests_total{job="web",code=~"5.."}[5m])) / sum(rate(http_requests_total{job="web"}[5m]))\'\n' +
            'for attempt in 1 2 3 4 5; do\n' +
            '  rate=$(curl -fsS --retry 3 "$(prometheusUrl)/api/v1/query" --data-urlencode "query=$query" | jq -r \'.data.result[0].value[1] // "0"\')\n' +
            '  echo "error rate: $rate (limit $(maxErrorRate))"\n' +
            '  if awk -v r="$rate" -v max="$(maxErrorRate)" \'BEGIN { exit !(r <= max) }\'; then exit 0; fi\n' +
            '  sleep 60\n' +
            'done\n' +
            'echo "##vso[task.logissue type=error]the error rate stayed above $(maxErrorRate)"\n' +
            'exit 1\n',
          displayName: 'Fail if the error rate stays above the limit',
        },
      ],
    }),

  'rollback-auto': (id) =>
    stage(
      id,
      'Rollback',
      {
        deployment: 'Rollback',
        displayName: 'Undo the production rollout',
        pool: UBUNTU,
        environment: 'production',
        variables: AKS_VARIABLES,
        strategy: {
          runOnce: {
            deploy: {
              steps: [
                kubectlScript(
                  'kubectl rollout undo',
                  'kubectl -n production rollout undo deployment/web\nkubectl -n production rollout status deployment/web --timeout=300s\n',
                ),
              ],
            },
          },
        },
      },
      // Runs only when a stage it depends on failed.
      { condition: 'failed()' },
    ),

  'rollback-manual': (id) =>
    stage(
      id,
      'Rollback to a revision',
      {
        deployment: 'Rollback',
        displayName: 'Roll back to the revision in ROLLBACK_REVISION (default: the previous one)',
        pool: UBUNTU,
        environment: 'production',
        variables: AKS_VARIABLES,
        strategy: {
          runOnce: {
            deploy: {
              steps: [
                kubectlScript(
                  'kubectl rollout undo --to-revision',
                  'args=(rollout undo deployment/web --namespace production)\n' +
                    '# ROLLBACK_REVISION: a variable settable when the run is queued.\n' +
                    'if [ -n "${ROLLBACK_REVISION:-}" ]; then args+=(--to-revision="$ROLLBACK_REVISION"); fi\n' +
                    'kubectl "${args[@]}"\n' +
                    'kubectl -n production rollout status deployment/web --timeout=300s\n',
                ),
              ],
            },
          },
        },
      },
      // Skipped unless someone starts this stage by hand from the run.
      { trigger: 'manual' },
    ),

  notify: (id) =>
    stage(
      id,
      'Notify',
      {
        job: 'Notify',
        displayName: 'Notify the chat webhook of the result',
        pool: UBUNTU,
        steps: [
          {
            script:
              'curl -fsS -X POST "$WEBHOOK_URL" -H "Content-Type: application/json" \\\n' +
              '  -d "{\\"text\\": \\"$(Build.DefinitionName) $(Build.BuildNumber) finished: $(System.CollectionUri)$(System.TeamProject)/_build/results?buildId=$(Build.BuildId)\\"}"\n',
            displayName: 'Post to the webhook',
            env: { WEBHOOK_URL: '$(chatWebhookUrl)' },
          },
        ],
      },
      // Report whether the stages before it passed or failed.
      { condition: 'always()' },
    ),
};

export const AZURE_TEMPLATE_NAMES: readonly string[] = Object.keys(TEMPLATES);

/** The template as a stage mapping (`stage:` first), or undefined for an unknown name. */
export function azureTemplate(name: string, context: TemplateContext): RenderedTemplate | undefined {
  const make = TEMPLATES[name];
  return make ? { body: make(context.id) } : undefined;
}

/**
 * The same template for a pipeline of top-level jobs: the stage's one job, named `context.id`,
 * with what the stage said moved onto it (a stage `condition`; `trigger: manual` becomes a
 * condition that runs the job only in a run someone queued by hand).
 */
export function azureJobTemplate(name: string, context: TemplateContext): RenderedTemplate | undefined {
  const stageBody = TEMPLATES[name]?.(context.id);
  if (!stageBody) return undefined;
  const [job] = stageBody.jobs as Mapping[];
  const { job: _jobName, deployment: _deploymentName, displayName, ...rest } = job;
  const nameKey = 'deployment' in job ? 'deployment' : 'job';
  let condition = stageBody.condition as string | undefined;
  if (stageBody.trigger === 'manual') condition = "eq(variables['Build.Reason'], 'Manual')";
  return { body: { [nameKey]: context.id, displayName, ...(condition !== undefined ? { condition } : {}), ...rest } };
}
