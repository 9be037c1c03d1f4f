// The GitHub provider with Octokit, bundled on its own (dist/github-provider.js, see
// scripts/build.mjs) and loaded by providerLoader.ts on first use, so that activating the
// extension never loads it.
export { GitHubProvider } from '../../providers/github/provider';
