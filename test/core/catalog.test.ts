// The palette's catalog: a template's title and the kind label of the node it adds say the same
// thing (issue #8: "E2E / smoke tests" in the palette became an "Integration Test" node).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KIND_LABELS } from '../../src/core/model';
import { TEMPLATES } from '../../src/core/templates/catalog';

test('every template title holds the words of the kind label its node shows', () => {
  for (const template of TEMPLATES) {
    const label = KIND_LABELS[template.kind];
    assert.ok(template.title.toLowerCase().includes(label), `"${template.title}" (${template.name}) does not say "${label}"`);
  }
});

test('template titles are unique', () => {
  const titles = TEMPLATES.map((t) => t.title);
  assert.deepEqual(titles.filter((t, i) => titles.indexOf(t) !== i), []);
});
