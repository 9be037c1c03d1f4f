// Reading a workspace's git files: remotes from `.git/config`, the branch from `HEAD`, the real git
// directory of a worktree. (src/vscode/operate/gitFiles.ts imports no `vscode`.)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { githubTargetFromRemote } from '../../src/providers/github/remote';
import { branchFromHead, gitdirFromFile, parseGitRemotes, remotesByPreference } from '../../src/vscode/operate/gitFiles';

const CONFIG = [
  '[core]',
  '\trepositoryformatversion = 0',
  '\tbare = false',
  '[remote "fork"]  ; my fork',
  '\turl = git@github.com:mona/shop.git',
  '\tfetch = +refs/heads/*:refs/remotes/fork/*',
  '[branch "main"]',
  '\tremote = origin',
  '[remote "origin"]',
  '\turl = "https://github.com/acme/shop.git"   # the real one',
  '\turl = https://mirror.example.com/acme/shop.git',
  '[remote "odd \\"name\\""]',
  '\tURL = ssh://git@ghe.example.com/acme/shop',
].join('\r\n');

describe('git files', () => {
  test('remotes with their first url, in file order; comments, quotes and case handled', () => {
    assert.deepEqual(parseGitRemotes(CONFIG), [
      { name: 'fork', url: 'git@github.com:mona/shop.git' },
      { name: 'origin', url: 'https://github.com/acme/shop.git' },
      { name: 'odd "name"', url: 'ssh://git@ghe.example.com/acme/shop' },
    ]);
  });

  test('origin first, then upstream, then the rest', () => {
    const ordered = remotesByPreference([{ name: 'a', url: '1' }, { name: 'upstream', url: '2' }, { name: 'origin', url: '3' }]);
    assert.deepEqual(ordered.map((r) => r.name), ['origin', 'upstream', 'a']);
  });

  test('the preferred remote names the repository; a GHES remote only when its host is known', () => {
    const remotes = remotesByPreference(parseGitRemotes(CONFIG));
    assert.deepEqual(githubTargetFromRemote(remotes[0].url), { provider: 'github', apiUrl: 'https://api.github.com', owner: 'acme', repo: 'shop' });
    assert.equal(githubTargetFromRemote(remotes[2].url), undefined);
    assert.equal(githubTargetFromRemote(remotes[2].url, ['ghe.example.com'])?.apiUrl, 'https://ghe.example.com/api/v3');
  });

  test('the branch of HEAD; none when detached', () => {
    assert.equal(branchFromHead('ref: refs/heads/feature/cart\n'), 'feature/cart');
    assert.equal(branchFromHead('4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70\n'), undefined);
  });

  test('a worktree names its git directory in its .git file', () => {
    assert.equal(gitdirFromFile('gitdir: /work/main/.git/worktrees/wt\n'), '/work/main/.git/worktrees/wt');
    assert.equal(gitdirFromFile('not a pointer'), undefined);
  });
});
