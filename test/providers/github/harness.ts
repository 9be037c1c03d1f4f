// A local GitHub API server and a GitHub provider pointed at it, on one simulated clock.
import assert from 'node:assert/strict';
import { GitHubProvider, type GitHubProviderOptions } from '../../../src/providers/github/provider';
import { SimulatedClock } from '../../../src/providers/scheduler/clock';
import type { GitHubTarget } from '../../../src/core/operate/target';
import { SANDBOX_TOKEN, type ScenarioName } from './scenarios';
import { LocalGitHubApi } from './server';
import type { ApiFlavor } from './openapi';

export interface Harness {
  api: LocalGitHubApi;
  clock: SimulatedClock;
  provider: GitHubProvider;
  target: GitHubTarget;
  close(): Promise<void>;
}

export async function startHarness(
  options: { scenario?: ScenarioName; flavor?: ApiFlavor; token?: string; provider?: Partial<GitHubProviderOptions> } = {},
): Promise<Harness> {
  const clock = new SimulatedClock();
  const api = await LocalGitHubApi.start({ scenario: options.scenario ?? 'waiting-production', clock, flavor: options.flavor });
  const target: GitHubTarget = { provider: 'github', apiUrl: api.url, owner: 'acme', repo: 'shop' };
  const provider = new GitHubProvider({
    target,
    fetch: globalThis.fetch,
    credentials: async () => options.token ?? SANDBOX_TOKEN,
    clock,
    // Retried reads wait 1 ms and 4 ms of real time instead of 1 s and 4 s.
    retryBaseMs: 1,
    flavor: options.flavor === 'ghes-3.19' ? 'ghes' : 'dotcom',
    ...options.provider,
  });
  return { api, clock, provider, target, close: () => api.close() };
}

/** Waits for a condition of the real world (a request reached the server), turn by turn. */
export async function until(condition: () => boolean, what: string): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    // A limit only so that a broken test ends with a message rather than hanging the layer.
    if (Date.now() - started > 20_000) assert.fail(`gave up waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

export function assertNoViolations(api: LocalGitHubApi): void {
  assert.deepEqual(api.violations, [], 'every request and answer matches GitHub\'s description');
}

/** After a test: no request or answer strayed from the description; then the server stops. */
export async function checkAndClose(harness: Harness | undefined): Promise<void> {
  if (!harness) return;
  assertNoViolations(harness.api);
  await harness.close();
}
