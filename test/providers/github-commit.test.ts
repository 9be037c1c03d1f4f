// Resolving an action's tag or branch to the commit it names (the editor's "Pin to commit sha"),
// against the local GitHub API server: `GET /repos/{owner}/{repo}/commits/{ref}` of the action's
// repository — not the workspace's — with only the token. The shared subset of GitHub's
// description lacks this operation, so the server checks it against the whole description in
// @octokit/openapi.
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { actionRepository, parseActionReference } from '../../src/core/actionReference';
import { GitHubProvider } from '../../src/providers/github/provider';
import { secondaryRateLimit, serverError } from './github/faults';
import { checkAndClose, startHarness, until, type Harness } from './github/harness';
import { ACTION_SHAS, SANDBOX_TOKEN } from './github/scenarios';

const COMMIT = 'GET /repos/{owner}/{repo}/commits/{ref}';

let h: Harness | undefined;
afterEach(async () => {
  await checkAndClose(h);
  h = undefined;
});

/** A provider for the repository `uses` names, on the harness's server, clock and token. */
function providerFor(harness: Harness, uses: string): { provider: GitHubProvider; ref: string } {
  const reference = parseActionReference(uses);
  assert.ok(reference, `${uses} is an action reference`);
  const provider = new GitHubProvider({
    target: { provider: 'github', apiUrl: harness.api.url, owner: reference.owner, repo: reference.repo },
    fetch: globalThis.fetch,
    credentials: async () => SANDBOX_TOKEN,
    clock: harness.clock,
    retryBaseMs: 1,
  });
  return { provider, ref: reference.ref };
}

async function resolve(harness: Harness, uses: string) {
  const { provider, ref } = providerFor(harness, uses);
  return provider.read({ kind: 'commit', ref });
}

describe('an action\'s ref to its commit sha', () => {
  test('a tag, a branch (with a slash) and an action in a subfolder, each in its own repository, with the token', async () => {
    h = await startHarness();
    const tag = await resolve(h, 'docker/build-push-action@v6');
    assert.deepEqual(tag.ok && tag.value, { ref: 'v6', sha: ACTION_SHAS.buildPushV6 });
    const branch = await resolve(h, 'docker/build-push-action@release/v6');
    assert.deepEqual(branch.ok && branch.value, { ref: 'release/v6', sha: ACTION_SHAS.buildPushReleaseV6 });
    // github/codeql-action/init@v3: the repository is the first two segments.
    assert.equal(actionRepository(parseActionReference('github/codeql-action/init@v3')!), 'github/codeql-action');
    const inFolder = await resolve(h, 'github/codeql-action/init@v3');
    assert.deepEqual(inFolder.ok && inFolder.value, { ref: 'v3', sha: ACTION_SHAS.codeqlV3 });
    assert.deepEqual(
      h.api.apiRequests(COMMIT).map((r) => [r.path, r.login, r.status]),
      [
        ['/repos/docker/build-push-action/commits/v6', 'mona', 200],
        ['/repos/docker/build-push-action/commits/release%2Fv6', 'mona', 200],
        ['/repos/github/codeql-action/commits/v3', 'mona', 200],
      ],
    );
    // Checked against GitHub's whole description: the shared subset does not have this operation.
    assert.equal(h.api.checker.match('GET', '/repos/docker/build-push-action/commits/v6')?.source, 'full');
  });

  test('a tag or branch the repository lacks (422), or a repository not there (404): said in words', async () => {
    h = await startHarness();
    const missingRef = await resolve(h, 'docker/build-push-action@v9');
    assert.ok(!missingRef.ok);
    assert.deepEqual([missingRef.error.kind, missingRef.error.status], ['not-found', 422]);
    assert.equal(missingRef.error.message, 'no tag or branch `v9` in `docker/build-push-action`');
    const missingRepository = await resolve(h, 'nobody/nothing@v1');
    assert.ok(!missingRepository.ok);
    assert.deepEqual([missingRepository.error.kind, missingRepository.error.status], ['not-found', 404]);
    assert.equal(missingRepository.error.message, 'no tag or branch `v1` in `nobody/nothing`, or no repository `nobody/nothing` this account can see');
    // Neither is retried: another request would get the same answer.
    assert.equal(h.api.apiRequests(COMMIT).length, 2);
  });

  test('an answer without a full sha is an error naming the field, never a sha written into a file', async () => {
    h = await startHarness();
    h.api.inject({ route: COMMIT, fault: { kind: 'malformed', body: JSON.stringify({ sha: 'b6b6b6b' }) } });
    const short = await resolve(h, 'docker/build-push-action@v6');
    assert.ok(!short.ok);
    assert.equal(short.error.kind, 'malformed');
    assert.match(short.error.message, /body\.sha: expected a full 40-character commit sha, got "b6b6b6b"/);
    h.api.inject({ route: COMMIT, fault: { kind: 'malformed', body: '[]' } });
    const list = await resolve(h, 'docker/build-push-action@v6');
    assert.ok(!list.ok);
    assert.match(list.error.message, /body: expected an object, got a list/);
  });

  test('a 5xx is retried with back-off; a rate limit is waited out on the clock, then asked once more', async () => {
    h = await startHarness();
    h.api.inject({ route: COMMIT, fault: serverError(502) });
    const retried = await resolve(h, 'docker/build-push-action@v6');
    assert.ok(retried.ok, retried.ok ? '' : retried.error.message);
    assert.deepEqual(h.api.apiRequests(COMMIT).map((r) => r.status), [502, 200]);

    h.api.inject({ route: COMMIT, fault: secondaryRateLimit(20) });
    const { provider, ref } = providerFor(h, 'docker/build-push-action@master');
    const waits: number[] = [];
    const pending = provider.read({ kind: 'commit', ref }, { onWait: (_reason, ms) => waits.push(ms) });
    await until(() => waits.length === 1, 'the provider says it waits');
    assert.deepEqual(waits, [20_000]);
    await h.clock.advance(20_000);
    const limited = await pending;
    assert.deepEqual(limited.ok && limited.value.sha, ACTION_SHAS.buildPushMaster);
    assert.deepEqual(h.api.apiRequests(COMMIT).map((r) => r.status), [502, 200, 403, 200]);
  });
});
