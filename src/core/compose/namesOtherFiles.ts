// Whether a pipeline file names other files, told from its text alone (no parse): the check that
// decides whether composing it is worth its cost. No imports: the extension host reads it before
// the engine is loaded.

/**
 * GitLab `include:` (and a `spec:` header, whose input defaults the composer applies as GitLab
 * does when the file is included without them), Azure `template:` and `extends:`, GitHub jobs
 * that call a workflow of the repository (`uses: ./…`).
 */
const NAMES_OTHER_FILES = /^[ \t-]*(?:include|extends|template)\s*:|^\s*(?:-\s*)?uses:\s*['"]?\.\/|^spec:/m;

export function namesOtherFiles(text: string): boolean {
  return NAMES_OTHER_FILES.test(text);
}
