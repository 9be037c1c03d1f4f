// Which dialect a file is by its path alone. A module of its own, without the YAML library,
// because the extension host asks it for every editor the user switches to, long before a
// pipeline is parsed (src/vscode/pipelineFiles.ts; the engine bundle is loaded only after).
import type { Dialect } from './model';

/** Dialect from the file's path alone, or undefined when the name says nothing. */
export function dialectFromPath(path: string): Dialect | undefined {
  const p = path.replace(/\\/g, '/');
  const base = p.slice(p.lastIndexOf('/') + 1).toLowerCase();
  if (!/\.ya?ml$/.test(base)) return undefined;
  if (/(^|\/)\.github\/workflows\/[^/]+$/.test(p)) return 'github';
  if (base === '.gitlab-ci.yml' || base === '.gitlab-ci.yaml' || /\.gitlab-ci\.ya?ml$/.test(base)) return 'gitlab';
  if (/^azure-pipelines.*\.ya?ml$/.test(base)) return 'azure';
  if (/(^|\/)\.(azure-pipelines|azuredevops)\/(.+\/)?[^/]+$/.test(p)) return 'azure';
  return undefined;
}
