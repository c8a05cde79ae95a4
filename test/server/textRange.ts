/** Where a piece of a test's text stands, as LSP positions. */
import assert from 'node:assert/strict';
import type { Range } from 'vscode-languageserver-protocol';

/** The range of the `occurrence`-th `needle` in `text` (LSP line/character); fails the test when there is none. */
export function rangeOf(text: string, needle: string, occurrence = 0): Range {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
  }
  assert.ok(at >= 0, `"${needle}" is in the text`);
  const position = (offset: number) => {
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
  };
  return { start: position(at), end: position(at + needle.length) };
}
