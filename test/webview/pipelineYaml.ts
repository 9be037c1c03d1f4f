// Small, realistic pipeline files, one per dialect, parsed with the real core for the browser
// tests; the hand-built graphs in graphFixtures.ts cover what these do not.
import type { PipelineGraph } from '../../src/core/model';
import { parsePipeline } from '../../src/core/parse';

export const GITHUB_RELEASE = `name: Release
on:
  push:
    branches: [main]
jobs:
  build:
    name: Build image
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: docker build -t app .
  unit:
    name: Unit tests
    needs: build
    runs-on: ubuntu-latest
    strategy:
      matrix:
        node: [20, 22]
    steps:
      - run: npm test
  scan:
    name: Trivy scan
    needs: build
    runs-on: ubuntu-latest
    steps:
      - run: trivy image app
  deploy-staging:
    name: Deploy to staging
    needs: [unit, scan]
    runs-on: ubuntu-latest
    environment:
      name: staging
      url: https://staging.example.com
    steps:
      - run: kubectl apply -f k8s/
  deploy-prod:
    name: Deploy to production
    needs: deploy-staging
    runs-on: ubuntu-latest
    environment: production
    steps:
      - run: kubectl apply -f k8s/
  rollback:
    needs: deploy-prod
    if: failure()
    runs-on: ubuntu-latest
    steps:
      - run: kubectl rollout undo deployment/app
`;

export const GITLAB_PIPELINE = `stages: [build, test, deploy]
compile:
  stage: build
  script: make
package:
  stage: build
  needs: [compile]
  script: make package
unit:
  stage: test
  script: make test
sast:
  stage: test
  script: semgrep scan
deploy-staging:
  stage: deploy
  environment: staging
  script: kubectl apply -f k8s/
deploy-prod:
  stage: deploy
  environment: production
  when: delayed
  start_in: 30 minutes
  needs: [deploy-staging]
  script: kubectl apply -f k8s/
`;

export const AZURE_PIPELINE = `trigger: [main]
stages:
- stage: Build
  jobs:
  - job: Compile
    steps:
    - script: make
  - job: Docker
    dependsOn: Compile
    steps:
    - script: docker build .
- stage: Test
  jobs:
  - job: Unit
    steps:
    - script: make test
- stage: Prod
  dependsOn: Test
  jobs:
  - job: Approve
    pool: server
    steps:
    - task: ManualValidation@0
      inputs:
        notifyUsers: ops@example.com
        instructions: Check the staging dashboard
  - deployment: Deploy
    dependsOn: Approve
    environment: production
    strategy:
      runOnce:
        deploy:
          steps:
          - script: kubectl apply -f k8s/
`;

export const githubRelease = (): PipelineGraph => parsePipeline(GITHUB_RELEASE, { fileName: '.github/workflows/release.yml' });
export const gitlabPipeline = (): PipelineGraph => parsePipeline(GITLAB_PIPELINE, { fileName: '.gitlab-ci.yml' });
export const azurePipeline = (): PipelineGraph => parsePipeline(AZURE_PIPELINE, { fileName: 'azure-pipelines.yml' });
