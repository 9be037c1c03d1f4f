// A GitHub Actions `uses:` that names another repository's action or reusable workflow:
// OWNER/REPO[/PATH]@REF. The repository is always the first two segments — an action in a
// subfolder (`github/codeql-action/init@v3`) lives in github/codeql-action at that ref. Light and
// pure: the lint rule and the editor's pin fix read it alike.

export interface ActionReference {
  owner: string;
  repo: string;
  /** The folder of the action (or the workflow file) inside the repository, when not its root. */
  path?: string;
  /** The tag, branch or sha after `@`. */
  ref: string;
}

// GitHub's own limits on owner and repository names: letters, digits, `-`, `_` and `.`.
const NAME = /^[A-Za-z0-9_.-]+$/;

/**
 * The parts of `uses`, or undefined for what is not another repository at a ref: a local action
 * (`./…`), a Docker image (`docker://…`), an expression, or no `@REF`.
 */
export function parseActionReference(uses: string): ActionReference | undefined {
  const text = uses.trim();
  if (text.startsWith('./') || text.startsWith('docker://') || text.includes('${{')) return undefined;
  const at = text.lastIndexOf('@');
  if (at < 0) return undefined;
  const ref = text.slice(at + 1);
  const [owner, repo, ...rest] = text.slice(0, at).split('/');
  if (ref === '' || /\s/.test(ref) || owner === undefined || repo === undefined || !NAME.test(owner) || !NAME.test(repo)) return undefined;
  if (rest.some((segment) => segment === '')) return undefined;
  return { owner, repo, ref, ...(rest.length > 0 ? { path: rest.join('/') } : {}) };
}

/** `owner/repo`: the repository a reference's ref is resolved in. */
export function actionRepository(reference: ActionReference): string {
  return `${reference.owner}/${reference.repo}`;
}
