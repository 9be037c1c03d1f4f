// Which files `pipewright lint` checks: files named as they are, and under a directory every file
// whose path says it is a pipeline (as the extension recognises them: .github/workflows/*.yml,
// .gitlab-ci.yml, azure-pipelines*.yml, .azure-pipelines/…), in a stable order.
import { join } from 'node:path';
import { dialectFromPath } from '../core/detect';
import type { CliIo } from './io';
import { describeFsError } from './pipelineInput';
import { InputError } from './io';

// Never pipelines of this repository: dependencies and version control.
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn']);

export function lintTargets(paths: readonly string[], io: CliIo): string[] {
  const files: string[] = [];
  for (const path of paths) {
    if (io.isDirectory(path)) walk(path, io, files);
    else files.push(path);
  }
  return [...new Set(files)];
}

function walk(dir: string, io: CliIo, into: string[]): void {
  let entries: { name: string; directory: boolean }[];
  try {
    entries = io.listDirectory(dir);
  } catch (e) {
    throw new InputError(`cannot read the directory ${dir}: ${describeFsError(e)}`);
  }
  for (const entry of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = dir === '.' ? entry.name : join(dir, entry.name);
    if (entry.directory) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(path, io, into);
    } else if (dialectFromPath(path) !== undefined) {
      into.push(path);
    }
  }
}
