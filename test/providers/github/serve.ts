// Runs the local GitHub API server on its own, live on the real clock, for trying the command line
// and the extension without a GitHub account:
//   npm run sandbox-api -- [--port 8787] [--scenario sandbox|waiting-production|in-progress|quiet]
// Then: GITHUB_TOKEN=ghp_sandbox_mona node bin/pipewright.js status --target github:acme/shop --api-url http://127.0.0.1:8787
import { SANDBOX_TOKEN, SCENARIO_NAMES, isScenarioName } from './scenarios';
import { startGitHubSandbox } from './server';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const port = Number(option('--port') ?? 8787);
  const scenario = option('--scenario') ?? 'sandbox';
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got ${option('--port')}`);
  if (!isScenarioName(scenario)) throw new Error(`--scenario must be one of ${SCENARIO_NAMES.join(', ')}, got ${scenario}`);
  const api = await startGitHubSandbox({ port, scenario });
  process.stdout.write(`Local GitHub API (scenario "${scenario}") at ${api.url}\nrepository: acme/shop   token: ${SANDBOX_TOKEN}   (Ctrl+C stops it)\n`);
  const stop = () => void api.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`sandbox-api: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
});
