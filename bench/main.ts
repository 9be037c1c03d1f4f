// `npm run bench`: speed and size figures, as medians and as ratios to a baseline measured in
// the same run. Prints a table and writes every figure to a JSON file whose path it prints.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseDocument } from 'yaml';
import { DIALECTS, type Dialect } from '../src/core/model';
import { parsePipeline } from '../src/core/parse';
import { corpusEntries, corpusAvailable } from '../test/helpers/corpus';
import { parseRatioEntry, type BenchEntry } from './benchEntry';
import { benchCompose } from './composeBench';
import { benchDesigner } from './designerBench';
import { benchEdits } from './editBench';
import { benchLint } from './lintBench';
import { benchOperate } from './operateBench';
import { generatePipeline } from './generatePipelines';
import { median, measurePair } from './measure';

const root = join(__dirname, '..');
const entries: BenchEntry[] = [];
const PARSE_TARGET = 1.3;

function parseToGraphEntry(name: string, text: string, dialect: Dialect): BenchEntry {
  const r = measurePair(
    () => parsePipeline(text, { dialect }),
    () => parseDocument(text),
  );
  return parseRatioEntry(name, r, PARSE_TARGET);
}

function benchCorpus(): void {
  if (!corpusAvailable()) {
    console.log('corpus: ../shared/corpus not found, skipped');
    return;
  }
  const ratios: number[] = [];
  for (const e of corpusEntries()) {
    const entry = parseToGraphEntry(`parse-to-graph corpus ${e.file}`, readFileSync(e.absolutePath, 'utf8'), e.dialect);
    ratios.push(entry.ratio!);
    entries.push(entry);
  }
  entries.push({
    name: `parse-to-graph corpus median ratio (${ratios.length} files)`,
    ratio: median(ratios),
    target: `≤ ${PARSE_TARGET}× parseDocument`,
    meetsTarget: median(ratios) <= PARSE_TARGET,
  });
}

function benchGenerated(): void {
  for (const dialect of DIALECTS) {
    for (const jobs of [50, 500, 1000, 2000]) {
      const text = generatePipeline(dialect, jobs);
      entries.push(parseToGraphEntry(`parse-to-graph generated ${dialect} ${jobs} jobs`, text, dialect));
    }
  }
}

function benchActivation(): void {
  if (!existsSync(join(root, 'dist', 'extension.js'))) {
    console.log('activation: dist/extension.js missing (run npm run build), skipped');
    return;
  }
  const runs: number[] = [];
  const engineRuns: number[] = [];
  for (let i = 0; i < 11; i++) {
    const out = execFileSync(process.execPath, [join(__dirname, 'activation.cjs'), root], { cwd: root });
    const measured = JSON.parse(out.toString()) as { activationMs: number; engineFirstUseMs: number };
    runs.push(measured.activationMs);
    engineRuns.push(measured.engineFirstUseMs);
  }
  const m = median(runs);
  entries.push({ name: 'extension activation (require + activate)', medianMs: m, target: '< 50 ms', meetsTarget: m < 50 });
  // Not part of activation: paid once, when the first pipeline file is looked at.
  entries.push({ name: 'pipeline engine first use (require dist/engine.js)', medianMs: median(engineRuns) });
}

function benchBundles(): void {
  const files: [string, string, number?][] = [
    ['host bundle dist/extension.js', 'dist/extension.js', 1024 * 1024],
    ['pipeline engine dist/engine.js (required on first use)', 'dist/engine.js'],
    ['GitHub provider dist/github-provider.js (required on first use)', 'dist/github-provider.js'],
    ['command line dist/cli.js', 'dist/cli.js'],
    ['webview bundle dist/webview/main.js', 'dist/webview/main.js'],
    ['webview styles dist/webview/main.css', 'dist/webview/main.css'],
  ];
  for (const [name, rel, limit] of files) {
    const path = join(root, rel);
    if (!existsSync(path)) continue;
    const bytes = statSync(path).size;
    const gzipBytes = gzipSync(readFileSync(path)).length;
    entries.push({
      name,
      bytes,
      gzipBytes,
      ...(limit ? { target: `< ${limit / 1024 / 1024} MB`, meetsTarget: bytes < limit } : {}),
    });
  }
}

function linesColumn(l: NonNullable<BenchEntry['linesChanged']>): string {
  const { pipewright: p, documentToString: d } = l;
  return `median ${p.median} vs ${d.median}, total ${p.total} vs ${d.total} (${l.files} files)`;
}

function printTable(): void {
  const fmt = (v: number | undefined, d = 3) => (v === undefined ? '' : v.toFixed(d));
  const kb = (v: number | undefined) => (v === undefined ? '' : `${(v / 1024).toFixed(1)} KB`);
  const rows = entries.map((e) => [
    e.name,
    fmt(e.medianMs),
    fmt(e.baselineMedianMs),
    e.ratio === undefined ? '' : `${e.ratio.toFixed(2)}×`,
    kb(e.bytes),
    kb(e.gzipBytes),
    e.linesChanged ? linesColumn(e.linesChanged) : '',
    e.fps === undefined ? '' : e.fps.toFixed(1),
    e.value === undefined ? '' : `${Number.isInteger(e.value) ? e.value : e.value.toFixed(1)} ${e.unit ?? ''}`.trim(),
    e.target ? `${e.meetsTarget ? 'ok' : 'MISSED'} (${e.target})` : '',
  ]);
  const head = ['benchmark', 'median ms', 'baseline ms', 'ratio', 'size', 'gzip', 'lines changed', 'fps', 'value', 'target'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const want = (section: string) => only.length === 0 || only.includes(section);
  if (want('corpus')) benchCorpus();
  if (want('generated')) benchGenerated();
  if (want('compose')) benchCompose(entries);
  if (want('edit')) benchEdits(entries);
  if (want('lint')) benchLint(entries);
  if (want('activation')) benchActivation();
  if (want('bundles')) benchBundles();
  if (want('designer')) await benchDesigner(root, entries);
  if (want('operate')) await benchOperate(root, entries);
  printTable();
  const dir = join(root, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = join(dir, `bench-${stamp}.json`);
  const payload = JSON.stringify({ date: new Date().toISOString(), node: process.version, entries }, null, 2);
  writeFileSync(file, payload);
  writeFileSync(join(dir, 'latest.json'), payload);
  const missed = entries.filter((e) => e.meetsTarget === false);
  console.log(`\n${entries.length} figures written to ${file}` + (missed.length ? `; ${missed.length} missed their target` : ''));
  console.log(`(baseline: yaml parseDocument on the same text, in the same run; ${basename(file)})`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
