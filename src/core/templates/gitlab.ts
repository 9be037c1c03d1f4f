// The palette as GitLab CI jobs: plain data, stringified by the edit engine in the file's style.
// Each job is what a GitLab user would write by hand: images pinned, caches keyed on lock files,
// artifacts with an expiry, environments with a URL and tier, gates as `when: manual` /
// `when: delayed`, Kubernetes and Argo Rollouts commands for the deploy strategies.
import type { RenderedTemplate, TemplateContext } from './types';

type Job = Record<string, unknown>;

interface GitlabTemplate {
  /** Lanes that fit, best first; the first one the file declares wins, else the first. */
  lanes: string[];
  body: (ctx: TemplateContext) => Job;
}

const KUBECTL_IMAGE = { name: 'bitnami/kubectl:1.31', entrypoint: [''] };
const IMAGE_REF = '$CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA';

// Kubernetes access through the GitLab agent: KUBE_CONTEXT is `group/project:agent-name`.
const USE_CONTEXT = 'kubectl config use-context "$KUBE_CONTEXT"';

const production = (url: string) => ({ name: 'production', url, deployment_tier: 'production' });

const TEMPLATES: Record<string, GitlabTemplate> = {
  build: {
    lanes: ['build', 'compile', 'package'],
    body: () => ({
      image: 'node:20-alpine',
      cache: {
        key: { files: ['package-lock.json'] },
        paths: ['.npm/'],
      },
      script: ['npm ci --cache .npm --prefer-offline', 'npm run build'],
      artifacts: {
        paths: ['dist/'],
        expire_in: '1 week',
      },
    }),
  },
  'unit-tests': {
    lanes: ['test', 'unit-test', 'check'],
    body: () => ({
      image: 'node:20-alpine',
      cache: {
        key: { files: ['package-lock.json'] },
        paths: ['.npm/'],
        policy: 'pull',
      },
      script: ['npm ci --cache .npm --prefer-offline', 'npm test -- --ci --reporters=default --reporters=jest-junit'],
      coverage: '/All files[^|]*\\|[^|]*\\s+([\\d\\.]+)/',
      artifacts: {
        when: 'always',
        paths: ['junit.xml'],
        reports: { junit: 'junit.xml' },
        expire_in: '1 week',
      },
    }),
  },
  'security-scan': {
    lanes: ['test', 'security', 'scan'],
    body: () => ({
      image: { name: 'aquasec/trivy:0.56.2', entrypoint: [''] },
      variables: {
        GIT_STRATEGY: 'none',
        TRIVY_NO_PROGRESS: 'true',
        TRIVY_CACHE_DIR: '.trivycache/',
        TRIVY_USERNAME: '$CI_REGISTRY_USER',
        TRIVY_PASSWORD: '$CI_REGISTRY_PASSWORD',
        TRIVY_AUTH_URL: '$CI_REGISTRY',
        SCAN_IMAGE: IMAGE_REF,
      },
      cache: { key: 'trivy', paths: ['.trivycache/'] },
      script: [
        'trivy image --exit-code 0 --format template --template "@/contrib/gitlab.tpl" --output gl-container-scanning-report.json "$SCAN_IMAGE"',
        'trivy image --exit-code 1 --severity HIGH,CRITICAL --ignore-unfixed "$SCAN_IMAGE"',
      ],
      artifacts: {
        when: 'always',
        paths: ['gl-container-scanning-report.json'],
        reports: { container_scanning: 'gl-container-scanning-report.json' },
        expire_in: '1 week',
      },
    }),
  },
  'deploy-staging': {
    lanes: ['staging', 'deploy-staging', 'review', 'deploy'],
    body: () => ({
      image: KUBECTL_IMAGE,
      environment: { name: 'staging', url: 'https://staging.example.com', deployment_tier: 'staging' },
      resource_group: 'staging',
      script: [
        USE_CONTEXT,
        `kubectl -n staging set image deployment/app app=${IMAGE_REF}`,
        'kubectl -n staging rollout status deployment/app --timeout=5m',
      ],
    }),
  },
  'e2e-tests': {
    lanes: ['e2e', 'integration', 'staging', 'verify'],
    body: () => ({
      image: 'mcr.microsoft.com/playwright:v1.48.2-jammy',
      variables: { BASE_URL: 'https://staging.example.com' },
      cache: {
        key: { files: ['package-lock.json'] },
        paths: ['.npm/'],
        policy: 'pull',
      },
      script: ['npm ci --cache .npm --prefer-offline', 'npx playwright test --reporter=junit,html'],
      artifacts: {
        when: 'always',
        paths: ['playwright-report/', 'results.xml'],
        reports: { junit: 'results.xml' },
        expire_in: '1 week',
      },
    }),
  },
  'approval-manual': {
    lanes: ['approve', 'approval', 'deploy'],
    body: () => ({
      image: 'alpine:3.20',
      variables: { GIT_STRATEGY: 'none' },
      // allow_failure: false makes the manual job block the jobs after it until someone plays it.
      when: 'manual',
      allow_failure: false,
      script: ['echo "Approved by $GITLAB_USER_LOGIN"'],
    }),
  },
  'approval-delayed': {
    lanes: ['approve', 'approval', 'deploy'],
    body: () => ({
      image: 'alpine:3.20',
      variables: { GIT_STRATEGY: 'none' },
      when: 'delayed',
      start_in: '30 minutes',
      script: ['echo "Waited 30 minutes after the previous jobs; continuing"'],
    }),
  },
  // GitLab's N-of-M approvals live on a protected environment (project settings), not in the
  // YAML; in the file, the gate is a blocking manual job that only the named people may pass.
  'approval-approvers': {
    lanes: ['approve', 'approval', 'deploy'],
    body: () => ({
      image: 'alpine:3.20',
      variables: {
        GIT_STRATEGY: 'none',
        APPROVERS: 'release-manager-1 release-manager-2',
        INSTRUCTIONS: 'Check the staging environment and the release notes before approving.',
      },
      when: 'manual',
      allow_failure: false,
      script: [
        'echo "$INSTRUCTIONS"',
        'case " $APPROVERS " in *" $GITLAB_USER_LOGIN "*) echo "Approved by $GITLAB_USER_LOGIN" ;; *) echo "$GITLAB_USER_LOGIN is not one of: $APPROVERS" >&2; exit 1 ;; esac',
      ],
    }),
  },
  'deploy-production-rolling': {
    lanes: ['deploy', 'production'],
    body: () => ({
      image: KUBECTL_IMAGE,
      environment: production('https://example.com'),
      resource_group: 'production',
      script: [
        USE_CONTEXT,
        'kubectl -n production patch deployment app -p \'{"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":0}}}}\'',
        `kubectl -n production set image deployment/app app=${IMAGE_REF}`,
        'kubectl -n production rollout status deployment/app --timeout=10m',
      ],
    }),
  },
  'deploy-production-blue-green': {
    lanes: ['deploy', 'production'],
    body: () => ({
      image: KUBECTL_IMAGE,
      environment: production('https://example.com'),
      resource_group: 'production',
      script: [
        USE_CONTEXT,
        'LIVE=$(kubectl -n production get service app -o jsonpath=\'{.spec.selector.color}\')',
        'if [ "$LIVE" = blue ]; then IDLE=green; else IDLE=blue; fi',
        `kubectl -n production set image deployment/app-$IDLE app=${IMAGE_REF}`,
        'kubectl -n production rollout status deployment/app-$IDLE --timeout=10m',
        // Switch traffic: point the Service at the idle color. Roll back by switching back.
        'kubectl -n production patch service app -p "{\\"spec\\":{\\"selector\\":{\\"app\\":\\"app\\",\\"color\\":\\"$IDLE\\"}}}"',
        'echo "Blue-green switch: $LIVE -> $IDLE"',
      ],
    }),
  },
  'deploy-production-canary': {
    lanes: ['deploy', 'production'],
    body: () => ({
      // alpine/k8s has kubectl and curl and runs as root, so the Argo Rollouts plugin can be installed.
      image: { name: 'alpine/k8s:1.31.2', entrypoint: [''] },
      environment: production('https://example.com'),
      resource_group: 'production',
      before_script: [
        'curl -fsSL -o /usr/local/bin/kubectl-argo-rollouts https://github.com/argoproj/argo-rollouts/releases/download/v1.7.2/kubectl-argo-rollouts-linux-amd64',
        'chmod +x /usr/local/bin/kubectl-argo-rollouts',
        USE_CONTEXT,
      ],
      script: [
        'kubectl -n production patch rollout app --type merge -p \'{"spec":{"strategy":{"canary":{"steps":[{"setWeight":10},{"pause":{"duration":"5m"}},{"setWeight":50},{"pause":{"duration":"10m"}}]}}}}\'',
        `kubectl argo rollouts -n production set image app app=${IMAGE_REF}`,
        'kubectl argo rollouts -n production status app --timeout 30m',
      ],
    }),
  },
  'deploy-production-feature-flag': {
    lanes: ['deploy', 'production'],
    body: () => ({
      image: { name: 'alpine/k8s:1.31.2', entrypoint: [''] },
      environment: production('https://example.com'),
      resource_group: 'production',
      variables: { FEATURE_FLAG: 'new-checkout' },
      script: [
        USE_CONTEXT,
        // Deploy dark: the new code ships with the flag off …
        `kubectl -n production set image deployment/app app=${IMAGE_REF}`,
        'kubectl -n production rollout status deployment/app --timeout=10m',
        // … then release it by turning the flag on (GitLab feature flags API).
        'curl -fsS --request PUT --header "PRIVATE-TOKEN: $FEATURE_FLAGS_TOKEN" --data "active=true" "$CI_API_V4_URL/projects/$CI_PROJECT_ID/feature_flags/$FEATURE_FLAG"',
      ],
    }),
  },
  'verify-health': {
    lanes: ['verify', 'post-deploy', 'deploy'],
    body: () => ({
      image: 'curlimages/curl:8.10.1',
      variables: { GIT_STRATEGY: 'none', HEALTH_URL: 'https://example.com/healthz' },
      script: ['curl -fsS --retry 10 --retry-delay 15 --retry-all-errors --max-time 10 "$HEALTH_URL"'],
    }),
  },
  'verify-error-rate': {
    lanes: ['verify', 'post-deploy', 'deploy'],
    body: () => ({
      image: 'alpine:3.20',
      variables: {
        GIT_STRATEGY: 'none',
        PROMETHEUS_URL: 'http://prometheus.monitoring:9090',
        ERROR_RATE_QUERY: 'sum(rate(http_requests_total{job="app",code=~"5.."}[5m])) / sum(rate(http_requests_total{job="app"}[5m]))',
        MAX_ERROR_RATE: '0.01',
      },
      before_script: ['apk add --no-cache curl jq'],
      script: [
        'RATE=$(curl -fsS --retry 3 --get --data-urlencode "query=$ERROR_RATE_QUERY" "$PROMETHEUS_URL/api/v1/query" | jq -r \'.data.result[0].value[1] // "0"\')',
        'echo "error rate: $RATE (max $MAX_ERROR_RATE)"',
        'awk -v rate="$RATE" -v max="$MAX_ERROR_RATE" \'BEGIN { exit !(rate <= max) }\'',
      ],
    }),
  },
  'rollback-auto': {
    lanes: ['rollback', 'verify', 'deploy'],
    body: () => ({
      image: KUBECTL_IMAGE,
      // Runs only when a job it waits for failed.
      when: 'on_failure',
      resource_group: 'production',
      script: [
        USE_CONTEXT,
        'kubectl -n production rollout undo deployment/app',
        'kubectl -n production rollout status deployment/app --timeout=10m',
      ],
    }),
  },
  'rollback-manual': {
    lanes: ['rollback', 'deploy'],
    body: () => ({
      image: KUBECTL_IMAGE,
      when: 'manual',
      resource_group: 'production',
      // Set REVISION when running the job (Run job → variables); the history is printed first.
      variables: { REVISION: '' },
      script: [
        USE_CONTEXT,
        'kubectl -n production rollout history deployment/app',
        'if [ -z "$REVISION" ]; then echo "Set REVISION to one of the revisions above" >&2; exit 1; fi',
        'kubectl -n production rollout undo deployment/app --to-revision="$REVISION"',
        'kubectl -n production rollout status deployment/app --timeout=10m',
      ],
    }),
  },
  notify: {
    lanes: ['.post'],
    body: () => ({
      image: 'curlimages/curl:8.10.1',
      variables: { GIT_STRATEGY: 'none' },
      when: 'always',
      script: [
        'curl -fsS -X POST -H "Content-Type: application/json" --data "{\\"text\\": \\"$CI_PROJECT_PATH pipeline $CI_PIPELINE_ID on $CI_COMMIT_REF_NAME: $CI_PIPELINE_URL\\"}" "$NOTIFY_WEBHOOK_URL"',
      ],
    }),
  },
};

/** Names of the templates written for GitLab (the catalog's names). */
export const GITLAB_TEMPLATE_NAMES: readonly string[] = Object.keys(TEMPLATES);

/** The template as a GitLab job, with the lane it fits best among the file's lanes; undefined for an unknown name. */
export function renderGitlabTemplate(name: string, ctx: TemplateContext): RenderedTemplate | undefined {
  const template = TEMPLATES[name];
  if (!template) return undefined;
  const declared = ctx.lanes ?? [];
  const lane = template.lanes.find((l) => declared.includes(l) || l === '.pre' || l === '.post') ?? template.lanes[0];
  return { body: template.body(ctx), lane };
}
