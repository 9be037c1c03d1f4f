// Loads the GitHub provider's bundle the first time something needs the API (a visible view, a
// command). Activation stays fast because extension.js does not contain Octokit: the build keeps
// `./github-provider.js` out of it (scripts/build.mjs) and ships it beside it.
import type * as GitHubChunk from './githubChunk';

export type { GitHubChunk };

let loading: Promise<typeof GitHubChunk> | undefined;

export function loadGitHubProvider(): Promise<typeof GitHubChunk> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loading ??= Promise.resolve().then(() => require('./github-provider.js') as typeof GitHubChunk);
  return loading;
}
