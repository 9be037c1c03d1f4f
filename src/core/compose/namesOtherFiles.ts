// Whether a pipeline file names other files, told from its text alone (no parse): the check that
// decides whether composing it is worth its cost. No imports: the extension host reads it before
// the engine is loaded.

/**
 * GitLab `include:` (and a `spec:` header, whose input defaults the composer applies as GitLab
 * does when the file is included without them), Azure `template:` and a top-level `extends:`,
 * GitHub jobs that call a workflow of the repository (`uses: ./…`). A GitLab job's `extends:`,
 * indented, names a job, not a file: most included GitLab files have one, and were composed on
 * their own where they are judged in the pipeline of the root that includes them.
 */
const NAMES_OTHER_FILES = /^[ \t-]*(?:include|template)\s*:|^extends\s*:|^\s*(?:-\s*)?uses:\s*['"]?\.\/|^spec:/m;

export function namesOtherFiles(text: string): boolean {
  return NAMES_OTHER_FILES.test(text);
}
