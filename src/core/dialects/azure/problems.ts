// Structure problems, positioned at the YAML node they are about.
import type { Node } from 'yaml';
import type { GraphProblem, ProblemSeverity } from '../../model';
import { positionAt, type YamlSource } from '../../yaml/source';

export function structureProblem(
  src: YamlSource,
  node: Node | null | undefined,
  message: string,
  severity: ProblemSeverity = 'error',
): GraphProblem {
  const { line, column } = positionAt(src, node?.range?.[0] ?? 0);
  return { message, line, column, severity, source: 'structure' };
}
