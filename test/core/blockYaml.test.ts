// writeBlock writes fragments without `yaml`'s stringify, for speed; these tests hold it to the
// bytes `yaml` writes, on every template of every dialect in every file style and on random data,
// and check that what it leaves to `yaml` is really left.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parse } from 'yaml';
import { writeBlock } from '../../src/core/edit/blockYaml';
import { renderBlockLines, renderBlockLinesWithYaml, renderString, renderStringWithYaml, writtenBlock } from '../../src/core/edit/fragment';
import type { FileStyle } from '../../src/core/edit/style';
import { manualApprovalStep } from '../../src/core/templates/github';
import { azureJobTemplate, azureTemplate } from '../../src/core/templates/azure';
import { TEMPLATES } from '../../src/core/templates/catalog';
import { githubTemplate } from '../../src/core/templates/github';
import { renderGitlabTemplate } from '../../src/core/templates/gitlab';

const STYLES: FileStyle[] = [2, 4].flatMap((indent) =>
  [true, false].flatMap((indentedSequences) =>
    (['single', 'double'] as const).flatMap((quote) =>
      (['\n', '\r\n'] as const).map((eol) => ({ indent, indentedSequences, quote, eol, finalNewline: true })),
    ),
  ),
);

function bodies(): { name: string; value: Record<string, unknown> }[] {
  const context = { id: 'pw_added', lanes: ['build', 'test', 'deploy'] };
  return TEMPLATES.flatMap((t) => [
    { name: `github ${t.name}`, value: githubTemplate(t.name, context).body },
    { name: `gitlab ${t.name}`, value: renderGitlabTemplate(t.name, context)?.body },
    { name: `azure stage ${t.name}`, value: azureTemplate(t.name, context)?.body },
    { name: `azure job ${t.name}`, value: azureJobTemplate(t.name, context)?.body },
  ]).filter((b): b is { name: string; value: Record<string, unknown> } => b.value !== undefined);
}

function sameAsYaml(value: Record<string, unknown> | unknown[], style: FileStyle, column: number, label: string): void {
  assert.equal(renderBlockLines(value, style, column), renderBlockLinesWithYaml(value, style, column), label);
}

describe('writeBlock writes what yaml writes', () => {
  it('for every template, as a mapping entry and as a list item, in every style', () => {
    for (const { name, value } of bodies()) {
      for (const style of STYLES) {
        const label = `${name}, indent ${style.indent}, ${style.indentedSequences ? 'indented' : 'flush'} lists, ${style.quote} quotes`;
        sameAsYaml({ pw_added: value }, style, 2, label);
        sameAsYaml([value], style, 4, label);
        sameAsYaml(value, style, 0, label);
      }
    }
  });

  it('for the approval steps gates add', () => {
    const step = manualApprovalStep({ approvers: 'release-managers', minimum: 2, title: 'Approve: deploy', body: 'Check the dashboard\nthen approve' });
    for (const style of STYLES) sameAsYaml([step], style, 6, `indent ${style.indent}`);
  });

  it('for strings yaml must quote or write as block scalars, and for empty collections', () => {
    const tricky = {
      reserved: ['y', 'N', 'yes', 'Off', 'null', 'NULL', '~', 'true'],
      numbers: ['1', '1.5', '0x1F', '1:20', '2024-01-01', '.inf', '-1'],
      indicators: ['- a', '? a', '!tag', '&a', '*a', '@x', '`x`', '%x', '|x', '>x', '#x', "'q'", '"q"', '{a}', '[a]'],
      colons: ['a: b', 'a:', 'https://x.example.com', 'image:tag', 'a :b'],
      spaces: [' lead', 'trail ', 'a #b', 'a# b', ''],
      blocks: ['a\n---\nb', '---\na', 'a\n...', '# not a comment\nx', 'one\ntwo', 'one\ntwo\n', 'one\n\ntwo\n\n', '  indented\nfirst', 'tab\there', 'trailing \nspace'],
      values: [true, false, 0, -3, 1.5, null, 2 ** 60],
      empty: [[], {}],
      nested: { list: [], map: {}, deep: { a: [{ b: 'c', d: ['e'] }] } },
    };
    for (const style of STYLES) {
      sameAsYaml(tricky, style, 0, `indent ${style.indent} ${style.indentedSequences}`);
      sameAsYaml([tricky], style, 2, `as an item, indent ${style.indent} ${style.indentedSequences}`);
    }
  });

  it('for random data, and what it writes itself reads back as the data', () => {
    const text = fc.oneof(
      fc.constantFrom('build', 'deploy-prod', 'ubuntu-latest', 'node:20', '$(Build.BuildId)', '${{ secrets.TOKEN }}', 'a b', 'x.y', '/usr/bin'),
      fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', ':', '-', '#', "'", '"', '\n', '$', '{', '}', '[', ',', '.', '/', '*', '!', '&', 'y'), maxLength: 12 }),
    );
    const key = fc.constantFrom('name', 'run', 'stage', 'needs', 'with', 'runs-on', 'y', 'on', 'a b', 'x:y', '1', '');
    const data = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, text, fc.boolean(), fc.integer(), tie('list'), tie('map')),
      list: fc.array(tie('value'), { maxLength: 4 }),
      map: fc.dictionary(key, tie('value'), { maxKeys: 4, noNullPrototype: true }),
    }));
    fc.assert(
      fc.property(data.map as fc.Arbitrary<Record<string, unknown>>, fc.constantFrom(...STYLES), (value, style) => {
        sameAsYaml(value, style, 0, 'map');
        sameAsYaml([value], style, 2, 'item');
        // What writeBlock writes itself reads back as the data (what it leaves to yaml is yaml's).
        if (Object.keys(value).length > 0 && writtenBlock(value, style)) {
          assert.deepEqual(parse(renderBlockLines(value, style, 0)), value);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('renderString writes what yaml writes, quoted where a flow collection needs it', () => {
  it('for random one-line strings, in flow context too', () => {
    const unit = fc.constantFrom('a', 'Z', '0', ' ', ':', '-', '#', "'", '"', '$', '{', '}', '[', ']', ',', '.', '/', '*', '!', '&', '?', '|', '>', '@', '%', 'y', 'n');
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit, maxLength: 10 }), fc.constantFrom('yes', 'No', 'null', 'true', 'build', 'a, b', 'a]')), fc.constantFrom(...STYLES), (value, style) => {
        const expected = renderStringWithYaml(value, style);
        assert.equal(renderString(value, style), expected);
        // yaml's plain `a, b` is one value in a block only; in flow context it is quoted.
        const flow = renderString(value, style, undefined, 'flow');
        if (expected === value && /[,[\]{}]/.test(value)) assert.match(flow, /^['"]/);
        else assert.equal(flow, expected);
        assert.deepEqual(parse(`[${flow}]`, { version: '1.1' }), [value]);
        assert.deepEqual(parse(`k: ${renderString(value, style)}`, { version: '1.1' }), { k: value });
      }),
      { numRuns: 2000 },
    );
  });
});

describe('writeBlock leaves to yaml', () => {
  const style = STYLES[0];
  const render = (v: unknown) => JSON.stringify(v) + '\n';
  it('lists inside lists', () => {
    assert.equal(writeBlock([['a']], style, render), undefined);
  });
  it('keys that are not plainly plain', () => {
    assert.equal(writeBlock({ 'a: b': 1 }, style, render), undefined);
    assert.equal(writeBlock({ y: 1 }, style, render), undefined);
  });
  it('block scalars with an indentation indicator', () => {
    assert.equal(writeBlock({ run: '  indented\nfirst' }, style, () => '|2-\n  indented\nfirst\n'), undefined);
  });
  it('and writes plain strings itself, without asking', () => {
    assert.deepEqual(writeBlock({ run: 'make test', needs: ['build'] }, style, () => assert.fail('asked yaml')), ['run: make test', 'needs:', '  - build']);
  });
});
