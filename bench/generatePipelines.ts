// Synthetic pipelines of a given size in each dialect, shaped like real ones: fan-out from a
// build, chains of dependencies, environments, gates, comments and multi-line scripts.
import type { Dialect } from '../src/core/model';

export function generatePipeline(dialect: Dialect, jobs: number): string {
  switch (dialect) {
    case 'github':
      return github(jobs);
    case 'gitlab':
      return gitlab(jobs);
    case 'azure':
      return azure(jobs);
  }
}

/** Job i depends on one or two earlier jobs, so the graph has both chains and fan-in. */
function dependencies(i: number): number[] {
  if (i === 0) return [];
  const deps = [Math.floor((i - 1) / 2)];
  if (i > 3 && i % 3 === 0) deps.push(i - 2);
  return deps;
}

function github(n: number): string {
  const lines = ['name: generated', 'on:', '  push:', '    branches: [main]', 'jobs:'];
  for (let i = 0; i < n; i++) {
    const deps = dependencies(i);
    lines.push(`  job-${i}:  # generated job ${i}`);
    lines.push(`    name: Job ${i}`);
    lines.push('    runs-on: ubuntu-latest');
    if (deps.length === 1) lines.push(`    needs: job-${deps[0]}`);
    else if (deps.length > 1) lines.push(`    needs: [${deps.map((d) => `job-${d}`).join(', ')}]`);
    if (i % 10 === 9) lines.push('    environment:', `      name: env-${i}`, `      url: https://env-${i}.example.com`);
    lines.push('    steps:', '      - uses: actions/checkout@v4', '      - name: Work', '        run: |');
    lines.push(`          echo "step for ${i}"`, '          make build test', '');
  }
  return lines.join('\n');
}

function gitlab(n: number): string {
  const stageCount = Math.max(3, Math.ceil(n / 50));
  const stages = Array.from({ length: stageCount }, (_, s) => `stage-${s}`);
  const lines = ['stages:', ...stages.map((s) => `  - ${s}`), ''];
  for (let i = 0; i < n; i++) {
    const stage = Math.min(stageCount - 1, Math.floor((i * stageCount) / n));
    lines.push(`job-${i}:  # generated job ${i}`, `  stage: ${stages[stage]}`, '  image: alpine:3.20');
    if (i % 4 === 1) {
      const deps = dependencies(i).filter((d) => Math.floor((d * stageCount) / n) < stage);
      if (deps.length > 0) lines.push('  needs:', ...deps.map((d) => `    - job-${d}`));
    }
    if (i % 10 === 9) lines.push(`  environment:`, `    name: env-${i}`, '  when: manual');
    lines.push('  script:', `    - echo "job ${i}"`, '    - make build test', '');
  }
  return lines.join('\n');
}

function azure(n: number): string {
  const perStage = 10;
  const stageCount = Math.ceil(n / perStage);
  const lines = ['trigger:', '  - main', 'stages:'];
  for (let s = 0; s < stageCount; s++) {
    lines.push(`  - stage: Stage${s}  # generated stage ${s}`, `    displayName: Stage ${s}`);
    if (s > 1 && s % 5 === 0) lines.push(`    dependsOn: [Stage${s - 1}, Stage${s - 2}]`);
    lines.push('    jobs:');
    for (let j = 0; j < perStage && s * perStage + j < n; j++) {
      const i = s * perStage + j;
      if (j === perStage - 1) {
        lines.push(`      - deployment: Job${i}`, `        environment: env-${s}`, '        strategy:', '          runOnce:', '            deploy:', '              steps:', `                - script: echo deploy ${i}`);
      } else {
        lines.push(`      - job: Job${i}`, '        pool:', '          vmImage: ubuntu-latest');
        if (j > 0 && j % 3 === 0) lines.push(`        dependsOn: Job${i - 1}`);
        lines.push('        steps:', `          - script: echo build ${i}`, '            displayName: Build');
      }
    }
    lines.push('');
  }
  return lines.join('\n');
}
