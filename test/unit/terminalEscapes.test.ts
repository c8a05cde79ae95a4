import assert from 'node:assert/strict';
import { test } from 'node:test';
import { showControlCharacters } from '../../server/dockerfile/text/controlCharacters';
import { composeServiceOf, createServicePrefixer } from '../../src/logs/composePrefix';

/** The escape sequences in a terminal line: each ESC (or 8-bit CSI) with what follows it up to a letter or BEL. */
function escapeSequences(line: string): string[] {
  return [...line.matchAll(/[\x1b\x9b][^a-zA-Z\x07]*[a-zA-Z\x07]?/g)].map((match) => match[0]); // eslint-disable-line no-control-regex
}

test('control characters are shown as escapes; tabs and other text stay as they are', () => {
  assert.equal(showControlCharacters('a\x1b]0;title\x07b\x1b[2J'), 'a\\x1b]0;title\\x07b\\x1b[2J');
  assert.equal(showControlCharacters('line\r\nnext\ttab'), 'line\\r\\nnext\ttab');
  assert.equal(showControlCharacters('\x00\x7f\x9b\u202eevil\u2066'), '\\x00\\x7f\\x9b\\u{202e}evil\\u{2066}');
  assert.equal(showControlCharacters('café 🐳 \\x1b'), 'café 🐳 \\x1b');
});

test("a Compose service name from the engine cannot put escape sequences of its own into the log terminal's prefix", () => {
  const hostile = composeServiceOf({ 'com.docker.compose.service': 'web\x1b]0;owned\x07\x1b[2J\r\n' }, ['/p-web-1']);
  const prefixer = createServicePrefixer([hostile, 'db']);
  const prefix = prefixer.prefix(hostile);
  assert.deepEqual(escapeSequences(prefix), ['\x1b[36m', '\x1b[0m'], 'only the prefix colours');
  assert.equal(prefix, '\x1b[36mweb\\x1b]0;owned\\x07\\x1b[2J\\r\\n |\x1b[0m ');
  assert.equal(prefixer.prefix('db'), `\x1b[33m${'db'.padEnd('web\\x1b]0;owned\\x07\\x1b[2J\\r\\n'.length)} |\x1b[0m `, 'padded to the shown width');
  const named = createServicePrefixer([]).prefix(composeServiceOf({}, ['/lonely\x9b31m']));
  assert.deepEqual(escapeSequences(named), ['\x1b[36m', '\x1b[0m']);
});
