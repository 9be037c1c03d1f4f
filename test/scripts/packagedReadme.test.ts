// The README packed into the .vsix: local images embedded as data: URLs (the Extensions view
// shows only https: and data: images, offline only the latter), other relative links on the
// repository's URL, bad images refused with the reason.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { packagedReadme, repositoryWebUrl } from '../../scripts/lib/packagedReadme.mjs';

let dir: string;
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const repositoryUrl = 'https://github.com/pipewright/pipewright';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'pipewright-readme-'));
  writeFileSync(join(dir, 'shot.png'), png);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('a local image becomes a data: URL of its bytes; its alt text and title stay', () => {
  const out = packagedReadme('Intro\n\n![The designer](./shot.png "title")\n', { dir, repositoryUrl });
  assert.equal(out, `Intro\n\n![The designer](data:image/png;base64,${png.toString('base64')} "title")\n`);
});

test('relative links go to the repository; URLs, anchors and mail links stay', () => {
  const md = '[arch](ARCHITECTURE.md#map) [site](https://example.com/x.png) [top](#try-it) [mail](mailto:a@b.c) ![remote](https://example.com/a.png)';
  assert.equal(
    packagedReadme(md, { dir, repositoryUrl }),
    `[arch](${repositoryUrl}/blob/HEAD/ARCHITECTURE.md#map) [site](https://example.com/x.png) [top](#try-it) [mail](mailto:a@b.c) ![remote](https://example.com/a.png)`,
  );
});

test('a missing image, an SVG, or a relative link without a repository: refused, naming it', () => {
  assert.throws(() => packagedReadme('![x](media/none.png)', { dir, repositoryUrl }), /README image media\/none\.png cannot be read/);
  assert.throws(() => packagedReadme('![x](logo.svg)', { dir, repositoryUrl }), /README image logo\.svg: only .png, .jpg, .jpeg, .gif images/);
  assert.throws(() => packagedReadme('[x](docs.md)', { dir }), /README link docs\.md is relative and package.json names no repository/);
});

test("the repository's web address from package.json", () => {
  assert.equal(repositoryWebUrl({ repository: { url: 'git+https://github.com/o/r.git' } }), 'https://github.com/o/r');
  assert.equal(repositoryWebUrl({ repository: 'https://github.com/o/r' }), 'https://github.com/o/r');
  assert.equal(repositoryWebUrl({}), undefined);
});
