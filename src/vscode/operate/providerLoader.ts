// Loads the GitHub provider (src/providers/github/provider.ts, with Octokit) the first time
// something needs the API: a visible view, a command. scripts/build.mjs bundles it on its own as
// dist/github-provider.js and keeps it out of extension.js, so activation does not load it.
import type * as GitHubProviderModule from '../../providers/github/provider';

let loading: Promise<typeof GitHubProviderModule> | undefined;

export function loadGitHubProvider(): Promise<typeof GitHubProviderModule> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loading ??= Promise.resolve().then(() => require('./github-provider.js') as typeof GitHubProviderModule);
  return loading;
}
