// Checks on a written stage or job name: Azure's character rules, and no name twice in one list.
import type { Node } from 'yaml';
import type { GraphProblem } from '../../model';
import type { YamlSource } from '../../yaml/source';
import { hasExpression, isValidReferenceName } from './expressions';
import { structureProblem } from './problems';

export class NameChecker {
  // Names written outside any `${{ }}` block: one written twice is Azure's error, whereas the
  // same name in an if and an else branch is the normal way to vary a stage.
  private readonly unconditional = new Set<string>();

  constructor(
    private readonly src: YamlSource,
    private readonly what: 'stage' | 'job',
    /** Where the list is, for messages: ` in stage "Build"`, or empty. */
    private readonly where = '',
  ) {}

  check(written: string | undefined, nameNode: unknown, conditional: boolean): GraphProblem[] {
    if (written === undefined || written === '' || hasExpression(written)) return [];
    const at = nameNode as Node;
    const problems: GraphProblem[] = [];
    if (!isValidReferenceName(written)) {
      problems.push(structureProblem(this.src, at, `${this.what} name "${written}" may only contain letters, digits and _, and may not start with a digit`));
    }
    if (!conditional) {
      if (this.unconditional.has(written)) {
        problems.push(structureProblem(this.src, at, `${this.what} "${written}" is defined more than once${this.where}`));
      }
      this.unconditional.add(written);
    }
    return problems;
  }
}
