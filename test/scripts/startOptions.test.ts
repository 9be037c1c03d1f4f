// `npm start -- FLAGS`: the flags parsed in one place, unknown ones refused with the usage.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseStartArgs, StartUsageError, startUsage } from '../../scripts/lib/startOptions.mjs';

test('no flags: start as is', () => {
  assert.deepEqual(parseStartArgs([]), { reset: false, help: false });
});

test('--reset and --help (or -h)', () => {
  assert.deepEqual(parseStartArgs(['--reset']), { reset: true, help: false });
  assert.deepEqual(parseStartArgs(['-h']), { reset: false, help: true });
});

test('an unknown flag is refused, naming it and listing the flags there are', () => {
  assert.throws(
    () => parseStartArgs(['--rest']),
    (e: Error) => e instanceof StartUsageError && /unknown option "--rest"/.test(e.message) && e.message.includes(startUsage()),
  );
  assert.match(startUsage(), /--reset +put the scratch copy of samples\/ back as shipped/);
});
