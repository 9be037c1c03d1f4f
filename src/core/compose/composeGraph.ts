// A pipeline split over files as one graph, for any dialect: GitLab's `include: local`, Azure's
// templates and `extends`, GitHub's local reusable workflows, each read through `ProjectFiles`.
import { composeAzureGraph } from '../dialects/azure/compose/compose';
import { composeGithubGraph } from '../dialects/github/compose';
import { composeGitlabGraph } from '../dialects/gitlab/compose/compose';
import type { Dialect, PipelineGraph } from '../model';
import type { PipelineStages } from '../parse';
import type { CompositeSeen } from './compositeSource';
import type { ProjectFiles } from './projectFiles';

export interface ComposeOptions {
  /** GitLab: the stages of the pipeline that includes the root (see ParseOptions.stages). */
  stages?: PipelineStages;
}

const COMPOSERS: Record<Dialect, (rootPath: string, rootText: string, project: ProjectFiles, seen?: CompositeSeen, options?: ComposeOptions) => PipelineGraph> = {
  github: composeGithubGraph,
  gitlab: composeGitlabGraph,
  azure: composeAzureGraph,
};

/**
 * The composed graph of the `dialect` pipeline at `rootPath` (relative to the project root), whose
 * text is `rootText`. `seen` is told the composite text it was built from (GitLab and Azure; the
 * edit engine plans on it), unless the root is read alone because it does not parse.
 */
export function composeGraph(dialect: Dialect, rootPath: string, rootText: string, project: ProjectFiles, seen?: CompositeSeen, options?: ComposeOptions): PipelineGraph {
  return COMPOSERS[dialect](rootPath, rootText, project, seen, options);
}
