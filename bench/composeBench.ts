// Composition cost: the graph of a pipeline split over files (`composeGraph`: reading the root,
// what it includes, extends or calls, and building one graph) against `yaml`'s parseDocument of
// every file involved, for the real repositories in test/fixtures/repos and for generated
// projects of each dialect (a root and 20 files of 50 jobs, each file used once: a template used
// many times is built many times from one parse, a cost no parse baseline has). Files are held
// in memory: no I/O is measured. The target is the parse-to-graph target of a single file; a
// second figure compares composing with building each file's graph on its own (parsePipeline),
// which says what composition itself costs whatever the machine's load; a third, what the
// designer's recomposition after an edit in the root costs with the parses it keeps, against
// parsing every file again. The first figure is taken twice: from source (through tsx, like the
// other benches) and as shipped (bundled, see shippedEngine.ts); the two differed by up to 0.1,
// because tsx slows our code and its `yaml` build slows the parse.
import { buildSync } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { composeGraph } from '../src/core/compose/composeGraph';
import { ParseCache } from '../src/core/compose/parseCache';
import type { ProjectFiles } from '../src/core/compose/projectFiles';
import { globMatcher } from '../src/core/dialects/gitlab/compose/glob';
import { DIALECTS, type Dialect } from '../src/core/model';
import { parsePipeline } from '../src/core/parse';
import { parseYamlSource } from '../src/core/yaml/source';
import { YAML_ALIAS } from '../scripts/lib/yamlBuild.mjs';
import { parseRatioEntry, type BenchEntry } from './benchEntry';
import { generatePipeline } from './generatePipelines';
import { median, measurePair } from './measure';

const COMPOSE_TARGET = 1.3;
// Small projects take a millisecond: they run for a second, not for a number of runs (61 runs of
// one took 40 ms, each ratio a few garbage collections' luck), after half a second of warm-up
// (after 5 runs the composer was still being compiled: measured so, the 3-file projects read
// 1.6-1.8x where they read 1.2-1.4x once compiled).
const RUNS = { minRuns: 15, maxRuns: 5001, minTotalMs: 1000, warmup: 5, warmupMs: 500 };
const ROOT = join(__dirname, '..');
const REPOS = join(ROOT, 'test', 'fixtures', 'repos');

type ShippedEngine = typeof import('./shippedEngine');

/** bench/shippedEngine.ts bundled as scripts/build.mjs bundles the engine (minified, `yaml`'s ES module build). */
function shippedEngine(): ShippedEngine {
  const outfile = join(ROOT, '.cache', 'bench', 'shipped-engine.cjs');
  buildSync({ absWorkingDir: ROOT, entryPoints: [join(__dirname, 'shippedEngine.ts')], outfile, bundle: true, minify: true, platform: 'node', format: 'cjs', target: 'node20', alias: YAML_ALIAS, logLevel: 'warning' });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(outfile) as ShippedEngine;
}

interface Project {
  name: string;
  dialect: Dialect;
  root: string;
  files: Map<string, string>;
}

export function benchCompose(entries: BenchEntry[]): void {
  const ratios = new Map<Dialect, number[]>(DIALECTS.map((d) => [d, []]));
  const shippedRatios = new Map<Dialect, number[]>(DIALECTS.map((d) => [d, []]));
  const shipped = shippedEngine();
  for (const project of [...fixtureProjects(), ...DIALECTS.map(generatedProject)]) {
    // Each project starts on a collected heap: the last one's garbage is not collected on its time
    // (`npm run bench` runs node with --expose-gc).
    (globalThis as { gc?: () => void }).gc?.();
    const rootText = project.files.get(project.root)!;
    const files = inMemory(project.files);
    // The files composition reads are the ones the baseline parses.
    const read = new Set<string>([project.root]);
    composeGraph(project.dialect, project.root, rootText, { ...files, readFile: (p) => (read.add(p), files.readFile(p)) });
    const texts = [...read].map((p) => project.files.get(p)).filter((t): t is string => t !== undefined);
    const r = measurePair(
      () => composeGraph(project.dialect, project.root, rootText, files),
      () => texts.forEach((t) => parseDocument(t)),
      RUNS,
    );
    const entry = parseRatioEntry(`compose ${project.dialect} ${project.name} (${texts.length} files)`, r, COMPOSE_TARGET);
    entry.target = `≤ ${COMPOSE_TARGET}× parseDocument of the files`;
    entries.push(entry);
    ratios.get(project.dialect)!.push(r.ratio);
    // The same, as it ships (see shippedEngine.ts).
    const b = measurePair(
      () => shipped.composeGraph(project.dialect, project.root, rootText, files),
      () => texts.forEach((t) => shipped.parseDocument(t)),
      RUNS,
    );
    const bundled = parseRatioEntry(`  … as shipped (the esbuild bundle, its own parseDocument)`, b, COMPOSE_TARGET);
    bundled.target = entry.target;
    entries.push(bundled);
    shippedRatios.get(project.dialect)!.push(b.ratio);
    // What composing adds to building each file's graph alone: the machine's load moves both alike.
    const own = measurePair(
      () => composeGraph(project.dialect, project.root, rootText, files),
      () => texts.forEach((t) => parsePipeline(t, { dialect: project.dialect })),
      RUNS,
    );
    entries.push({ name: `  … against each file's own graph (parsePipeline)`, medianMs: own.medianMs, baselineMedianMs: own.baselineMedianMs, ratio: own.ratio });
    entries.push(recomposeEntry(project));
  }
  for (const [label, byDialect] of [['from source', ratios], ['as shipped', shippedRatios]] as const) {
    for (const [dialect, list] of byDialect) {
      if (list.length === 0) continue;
      const m = median(list);
      entries.push({ name: `compose ${dialect} median ratio, ${label} (${list.length} projects)`, ratio: m, target: `≤ ${COMPOSE_TARGET}× parseDocument of the files`, meetsTarget: m <= COMPOSE_TARGET });
    }
  }
}

/**
 * The designer's recomposition after an edit in the root: the session parses the new text (its
 * own graph) and composes with the parses it kept, against the same without kept parses (every
 * file parsed again, as before). Each run edits the root anew: a comment line at its top, one
 * character longer each time, which moves every other file's place in the composite text.
 */
function recomposeEntry(project: Project): BenchEntry {
  const original = project.files.get(project.root)!;
  const files = inMemory(project.files);
  const parses = new ParseCache();
  let edits = 0;
  const edited = () => `# edit ${'x'.repeat(++edits % 50)}\n${original}`;
  const recompose = (cache: ParseCache | undefined) => {
    const text = edited();
    const own = parseYamlSource(text);
    cache?.keep(project.root, text, own);
    composeGraph(project.dialect, project.root, text, { ...files, parses: cache });
    cache?.sweep();
  };
  const r = measurePair(() => recompose(parses), () => recompose(undefined), RUNS);
  return { name: `  … recompose after an edit in the root, with kept parses / without`, medianMs: r.medianMs, baselineMedianMs: r.baselineMedianMs, ratio: r.ratio };
}

function inMemory(files: Map<string, string>): ProjectFiles {
  const paths = [...files.keys()];
  return { readFile: (path) => files.get(path), listFiles: (glob) => paths.filter(globMatcher(glob)) };
}

function fixtureProjects(): Project[] {
  return readdirSync(REPOS).flatMap((name) => {
    let expected: { root: string; dialect?: Dialect };
    try {
      expected = JSON.parse(readFileSync(join(REPOS, name, 'expected.json'), 'utf8'));
    } catch {
      return [];
    }
    const files = new Map<string, string>();
    const walk = (dir: string, prefix: string) => {
      for (const entry of readdirSync(join(REPOS, name, dir), { withFileTypes: true })) {
        const path = prefix + entry.name;
        if (entry.isDirectory()) walk(join(dir, entry.name), `${path}/`);
        else if (/\.ya?ml$/.test(entry.name)) files.set(path, readFileSync(join(REPOS, name, dir, entry.name), 'utf8'));
      }
    };
    walk('', '');
    return [{ name, dialect: expected.dialect ?? 'gitlab', root: expected.root, files }];
  });
}

/** A root naming 20 files of 50 jobs each, written the way each dialect splits a pipeline. */
function generatedProject(dialect: Dialect): Project {
  const files = new Map<string, string>();
  const parts = Array.from({ length: 20 }, (_, i) => i);
  const indent = (text: string, by: string) => text.split('\n').map((l) => (l === '' ? l : by + l)).join('\n');
  if (dialect === 'gitlab') {
    const generated = generatePipeline('gitlab', 50);
    const stagesBlock = /^stages:\n(?: {2}- .*\n)*/m.exec(generated)![0];
    // Each file its own stages and job names, as parts of one pipeline are: one file's stage
    // order does not make every job of every file wait for the others.
    const part = (i: number) => generated.replace(stagesBlock, '').replace(/job-(\d+)/g, `p${i}-job-$1`).replace(/stage-(\d+)/g, `p${i}-stage-$1`);
    const stages = parts.flatMap((i) => stagesBlock.split('\n').slice(1).filter((l) => l !== '').map((l) => l.replace(/stage-(\d+)/, `p${i}-stage-$1`)));
    files.set('.gitlab-ci.yml', `stages:\n${stages.join('\n')}\ninclude:\n${parts.map((i) => `  - local: ci/part-${i}.yml\n`).join('')}`);
    for (const i of parts) files.set(`ci/part-${i}.yml`, part(i));
    return { name: 'generated 20×50 jobs', dialect, root: '.gitlab-ci.yml', files };
  }
  if (dialect === 'azure') {
    files.set('azure-pipelines.yml', `stages:\n${parts.map((i) => `- stage: part_${i}\n  jobs:\n  - template: jobs/part-${i}.yml\n    parameters: {suffix: p${i}}\n`).join('')}`);
    // The generated stages' jobs (indented under their stage), one job template per stage of
    // this root, whose job names take the parameter.
    const body = generatePipeline('azure', 50).split('\n').filter((l) => /^\s{6}/.test(l)).map((l) => l.slice(6)).join('\n')
      .replace(/- (job|deployment): (\w+)/g, '- $1: $2_${{ parameters.suffix }}')
      .replace(/dependsOn:.*$/gm, 'dependsOn: []');
    for (const i of parts) files.set(`jobs/part-${i}.yml`, `parameters:\n- name: suffix\n  type: string\njobs:\n${body}\n`);
    return { name: 'generated 20×50 jobs', dialect, root: 'azure-pipelines.yml', files };
  }
  files.set('.github/workflows/ci.yml', `on: push\njobs:\n${parts.map((i) => `  part-${i}:\n    uses: ./.github/workflows/part-${i}.yml\n`).join('')}`);
  for (const i of parts) files.set(`.github/workflows/part-${i}.yml`, generatePipeline('github', 50).replace(/on:\n  push:\n    branches: \[main\]/, 'on: workflow_call'));
  return { name: 'generated 20×50 jobs', dialect, root: '.github/workflows/ci.yml', files };
}
