// The composed graph the designer shows for a pipeline that names other files. GitLab's
// `include: local` is composed by the core; the other dialects are shown as their own file.
import { composeGitlabGraph, type ProjectFiles } from '../../core/dialects/gitlab/compose/compose';
import type { Dialect, PipelineGraph } from '../../core/model';

export function composeGraph(dialect: Dialect, rootPath: string, rootText: string, project: ProjectFiles, single: PipelineGraph): PipelineGraph {
  return dialect === 'gitlab' ? composeGitlabGraph(rootPath, rootText, project) : single;
}
