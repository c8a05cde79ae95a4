/**
 * Every request that carries a position or a range answers a position outside the document as the nearest position
 * inside it (a line past the last: the end of the document; a character past the line: its end; negative numbers:
 * the start), and one far-out range cannot make the server run away.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Diagnostic, Position, Range } from 'vscode-languageserver-protocol';
import { startServer, TestClient } from './harness';

const uri = 'file:///clamp/Dockerfile';
const lines = [
  'FROM alpine:3.19 AS base', //  0
  '  ENV APP=/app', //            1
  'RUN echo one && \\', //        2
  'echo two', //                  3
  'maintainer someone', //        4
  '  WORKDIR $APP', //            5 (last, no line break after it)
];
const text = lines.join('\n');
const lastLine = lines.length - 1;
const end: Position = { line: lastLine, character: lines[lastLine].length };
const far = 1e9;

let client: TestClient;
let diagnostics: Diagnostic[];
const request = <T>(method: string, params: object): Promise<T> =>
  client.connection.sendRequest(method, { textDocument: { uri }, ...params }) as Promise<T>;

before(async () => {
  client = await startServer();
  diagnostics = await client.open(uri, text);
});
after(() => client.dispose());

/** Asserts that the request answers `outside` exactly as `inside`, and that the answer is not empty. */
async function sameAnswer(method: string, outside: object, inside: object): Promise<void> {
  const expected = await request<unknown>(method, inside);
  assert.ok(expected !== null && !(Array.isArray(expected) && expected.length === 0), `${method}: an answer inside the document`);
  const actual = await request<unknown>(method, outside);
  assert.deepEqual(actual, expected, method);
}

const position = (line: number, character: number) => ({ position: { line, character } });
const range = (start: Position, rangeEnd: Position): Range => ({ start, end: rangeEnd });

test('hover before the start of the document is hover at its start', async () => {
  await sameAnswer('textDocument/hover', position(-3, -7), position(0, 0));
});

test('hover past the end of a line is hover at its end', async () => {
  await sameAnswer('textDocument/hover', position(lastLine, far), { position: end });
});

test('completion past the last line completes at the end of the document', async () => {
  await sameAnswer('textDocument/completion', position(far, far), { position: end });
});

test('signature help past the end of a line is signature help at its end', async () => {
  await sameAnswer('textDocument/signatureHelp', position(0, far), position(0, lines[0].length));
});

test('definition, references, highlights and rename past the last line act on the variable ending the document', async () => {
  await sameAnswer('textDocument/definition', position(far, far), { position: end });
  await sameAnswer('textDocument/references', { ...position(far, far), context: { includeDeclaration: true } }, { position: end, context: { includeDeclaration: true } });
  await sameAnswer('textDocument/documentHighlight', position(far, far), { position: end });
  await sameAnswer('textDocument/prepareRename', position(far, far), { position: end });
  await sameAnswer('textDocument/rename', { ...position(far, far), newName: 'HOME' }, { position: end, newName: 'HOME' });
});

test('range formatting of a range reaching line 1e9 formats to the end of the document', async () => {
  const options = { tabSize: 4, insertSpaces: true };
  await sameAnswer(
    'textDocument/rangeFormatting',
    { range: range({ line: -1, character: -1 }, { line: far, character: far }), options },
    { range: range({ line: 0, character: 0 }, end), options },
  );
  await sameAnswer('textDocument/rangeFormatting', { range: range({ line: 3, character: 0 }, { line: far, character: 0 }), options }, { range: range({ line: 3, character: 0 }, end), options });
});

test('a range that ends before it starts is empty where it starts', async () => {
  const options = { tabSize: 4, insertSpaces: true };
  const backwards = await request<unknown>('textDocument/rangeFormatting', { range: range({ line: 3, character: 4 }, { line: 0, character: 0 }), options });
  const empty = await request<unknown>('textDocument/rangeFormatting', { range: range({ line: 3, character: 4 }, { line: 3, character: 4 }), options });
  assert.deepEqual(backwards, empty);
});

test('on-type formatting past the end of a line formats at its end', async () => {
  const options = { tabSize: 4, insertSpaces: true };
  await sameAnswer('textDocument/onTypeFormatting', { ...position(2, far), ch: '\\', options }, { ...position(2, lines[2].length), ch: '\\', options });
});

test('code actions for a diagnostic whose range runs past the document are those for its range inside it', async () => {
  const deprecated = diagnostics.find((diagnostic) => diagnostic.range.start.line === 4);
  assert.ok(deprecated, 'a diagnostic on the MAINTAINER line');
  const inside = { ...deprecated, range: range({ line: 4, character: 0 }, end) };
  const outside = { ...deprecated, range: range({ line: 4, character: 0 }, { line: far, character: far }) };
  const context = (diagnostic: Diagnostic) => ({ context: { diagnostics: [diagnostic] } });
  await sameAnswer('textDocument/codeAction', { range: outside.range, ...context(outside) }, { range: inside.range, ...context(inside) });
});

test('semantic tokens of a range past the document are those of the whole document', async () => {
  const full = await request<{ data: number[] }>('textDocument/semanticTokens/full', {});
  const ranged = await request<{ data: number[] }>('textDocument/semanticTokens/range', { range: range({ line: -4, character: -4 }, { line: far, character: far }) });
  assert.ok(full.data.length > 0);
  assert.deepEqual(ranged.data, full.data);
});

test('the server still answers after all of these', async () => {
  await sameAnswer('textDocument/hover', position(0, 1), position(0, 1));
});
