// A node:test reporter that counts leaf tests (not describe blocks, not tests that only wrap
// subtests) and writes one JSON object when the run ends. scripts/test.mjs adds it next to the
// spec reporter, with its destination set to a file it reads back:
//   --test-reporter=spec --test-reporter-destination=stdout
//   --test-reporter=./scripts/lib/countReporter.mjs --test-reporter-destination=<file>.json
export default async function* countReporter(source) {
  const counts = { passed: 0, failed: 0, skipped: 0, todo: 0, failures: [] };
  // Per file and nesting level: did a test one level deeper finish since the last test at this
  // level finished? If so, the test finishing now is a parent, not a leaf.
  const childFinished = new Map();

  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { nesting, file, name, details, skip, todo } = event.data;
    const levels = childFinished.get(file) ?? [];
    childFinished.set(file, levels);
    const hadChildren = levels[nesting] === true;
    levels[nesting] = false;
    if (nesting > 0) levels[nesting - 1] = true;
    if (details?.type === 'suite' || hadChildren) continue;

    if (todo !== undefined && todo !== false) counts.todo += 1;
    else if (skip !== undefined && skip !== false) counts.skipped += 1;
    else if (event.type === 'test:pass') counts.passed += 1;
    else {
      counts.failed += 1;
      counts.failures.push({ file, name, message: firstLine(details?.error) });
    }
  }
  yield `${JSON.stringify(counts)}\n`;
}

function firstLine(error) {
  const cause = error?.cause ?? error;
  const text = cause?.message ?? String(cause ?? '');
  return text.split('\n')[0].slice(0, 300);
}
