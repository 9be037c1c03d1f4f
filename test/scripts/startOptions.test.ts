// `npm start -- FLAGS`: the flags parsed in one place, unknown ones refused with the usage.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseStartArgs, StartUsageError, startUsage } from '../../scripts/lib/startOptions.mjs';

test('no flags: start as is', () => {
  assert.deepEqual(parseStartArgs([]), { reset: false, sandbox: false, help: false });
});

test('--reset and --help (or -h)', () => {
  assert.deepEqual(parseStartArgs(['--reset']), { reset: true, sandbox: false, help: false });
  assert.deepEqual(parseStartArgs(['-h']), { reset: false, sandbox: false, help: true });
});

test('--sandbox, alone or with --reset', () => {
  assert.deepEqual(parseStartArgs(['--sandbox']), { reset: false, sandbox: true, help: false });
  assert.deepEqual(parseStartArgs(['--reset', '--sandbox']), { reset: true, sandbox: true, help: false });
  assert.match(startUsage(), /--sandbox +also start a local GitHub API/);
});

test('an unknown flag is refused, naming it and listing the flags there are', () => {
  assert.throws(
    () => parseStartArgs(['--rest']),
    (e: Error) => e instanceof StartUsageError && /unknown option "--rest"/.test(e.message) && e.message.includes(startUsage()),
  );
  assert.match(startUsage(), /--reset +put the scratch copy of samples\/ back as shipped/);
});
