// The composed graph the designer shows for a pipeline that names other files (GitLab includes,
// Azure templates, GitHub local reusable workflows), through the core's composer.
import { composeGraph as composeInCore } from '../../core/compose/composeGraph';
import type { ProjectFiles } from '../../core/compose/projectFiles';
import type { Dialect, PipelineGraph } from '../../core/model';

export function composeGraph(dialect: Dialect, rootPath: string, rootText: string, project: ProjectFiles): PipelineGraph {
  return composeInCore(dialect, rootPath, rootText, project);
}
