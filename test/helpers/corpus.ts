// The shared corpus of real pipeline files (../shared/corpus next to the repository), read in
// place: files are never copied into the repository. Tests skip, not pass, when it is absent.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DIALECTS, type Dialect } from '../../src/core/model';

/** The repository root, found from this file rather than from the working directory. */
export const repoRoot = resolve(__dirname, '..', '..');

export const corpusDir = resolve(repoRoot, '..', 'shared', 'corpus');

const MANIFEST = join(corpusDir, 'MANIFEST.tsv');

export interface CorpusEntry {
  dialect: Dialect;
  /** Path relative to the corpus folder, e.g. `github/owner__repo__.github__workflows__ci.yml`. */
  file: string;
  /** Absolute path of the file on disk. */
  absolutePath: string;
  /** Where it came from. */
  repo: string;
  /** Its path in that repository. */
  path: string;
  commit: string;
  bytes: number;
}

export function corpusAvailable(): boolean {
  return existsSync(MANIFEST);
}

export const corpusSkipReason = `corpus not found at ${corpusDir} (expected MANIFEST.tsv there)`;

const COLUMNS = ['dialect', 'file', 'repo', 'path', 'commit', 'bytes'] as const;

/** Every MANIFEST.tsv row; throws on a malformed manifest so a broken corpus is not a silent pass. */
export function corpusEntries(): CorpusEntry[] {
  const lines = readFileSync(MANIFEST, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0]?.split('\t') ?? [];
  if (COLUMNS.some((c, i) => header[i] !== c)) {
    throw new Error(`${MANIFEST}: expected columns ${COLUMNS.join(', ')}, got ${header.join(', ')}`);
  }
  return lines.slice(1).map((line, i) => {
    const [dialect, file, repo, path, commit, bytes] = line.split('\t');
    if (!DIALECTS.includes(dialect as Dialect) || !file) {
      throw new Error(`${MANIFEST}:${i + 2}: bad row ${JSON.stringify(line)}`);
    }
    return {
      dialect: dialect as Dialect,
      file,
      absolutePath: join(corpusDir, file),
      repo,
      path,
      commit,
      bytes: Number(bytes),
    };
  });
}
