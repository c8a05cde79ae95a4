/**
 * Semantic tokens answer `full`, `full/delta` (an edit from the tokens last sent) and `range`, as the server
 * declares in its capabilities.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { SemanticTokens, SemanticTokensDelta, SemanticTokensOptions } from 'vscode-languageserver-protocol';
import { startServer, TestClient } from './harness';

const lines = ['# syntax=docker/dockerfile:1', 'FROM alpine:3.19 AS base', 'ENV APP=/app', 'LABEL one=1 two="$APP"', 'WORKDIR $APP', 'USER app', ''];

let client: TestClient;
let opened = 0;
const full = (uri: string) => client.connection.sendRequest<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });

async function open(text: string): Promise<string> {
  const uri = `file:///tokens/${opened++}/Dockerfile`;
  await client.open(uri, text);
  return uri;
}

function applyEdits(data: number[], delta: SemanticTokensDelta): number[] {
  const result = [...data];
  for (const edit of [...delta.edits].sort((a, b) => b.start - a.start)) {
    result.splice(edit.start, edit.deleteCount, ...(edit.data ?? []));
  }
  return result;
}

before(async () => {
  client = await startServer();
});
after(() => client.dispose());

test('the server declares full, delta and range semantic tokens', () => {
  const provider = client.initializeResult.capabilities.semanticTokensProvider as SemanticTokensOptions;
  assert.deepEqual(provider.full, { delta: true });
  assert.equal(provider.range, true);
});

test('after an edit, the delta from the last tokens sent gives the new version’s tokens', async () => {
  const uri = await open(lines.join('\n'));
  const first = await full(uri);
  assert.ok(first.resultId, 'a result id to ask a delta from');
  const edited = [...lines];
  edited.splice(3, 1, 'LABEL one=1 three=3 two="$APP"');
  client.change(uri, 2, [{ range: { start: { line: 3, character: 12 }, end: { line: 3, character: 12 } }, text: 'three=3 ' }]);
  const delta = await client.connection.sendRequest<SemanticTokensDelta>('textDocument/semanticTokens/full/delta', {
    textDocument: { uri },
    previousResultId: first.resultId,
  });
  assert.ok(Array.isArray(delta.edits), 'edits, not the whole set');
  assert.notEqual(delta.resultId, first.resultId);
  const expected = await full(await open(edited.join('\n')));
  assert.deepEqual(applyEdits(first.data, delta), expected.data);
  // The edit covers the changed line only: the tokens before and after it are kept.
  const sent = delta.edits.reduce((count, edit) => count + (edit.data?.length ?? 0), 0);
  assert.ok(sent < expected.data.length / 2, `${sent} of ${expected.data.length} numbers sent`);
});

test('a delta from an unknown result id gives all the tokens', async () => {
  const uri = await open(lines.join('\n'));
  const answer = await client.connection.sendRequest<SemanticTokens>('textDocument/semanticTokens/full/delta', {
    textDocument: { uri },
    previousResultId: 'nothing-sent',
  });
  assert.deepEqual(answer.data, (await full(uri)).data);
});

test('a delta for an unchanged version is empty', async () => {
  const uri = await open(lines.join('\n'));
  const first = await full(uri);
  const delta = await client.connection.sendRequest<SemanticTokensDelta>('textDocument/semanticTokens/full/delta', {
    textDocument: { uri },
    previousResultId: first.resultId,
  });
  assert.deepEqual(delta.edits, []);
});

test('range tokens are the tokens of the lines in the range, encoded from the start of the document', async () => {
  const uri = await open(lines.join('\n'));
  const all = (await full(uri)).data;
  const ranged = await client.connection.sendRequest<SemanticTokens>('textDocument/semanticTokens/range', {
    textDocument: { uri },
    range: { start: { line: 2, character: 0 }, end: { line: 4, character: 0 } },
  });
  // Absolute positions of both answers.
  const absolute = (data: number[]) => {
    const tokens: string[] = [];
    let line = 0;
    let character = 0;
    for (let i = 0; i < data.length; i += 5) {
      line += data[i];
      character = data[i] === 0 ? character + data[i + 1] : data[i + 1];
      tokens.push(`${line}:${character}:${data[i + 2]}:${data[i + 3]}:${data[i + 4]}`);
    }
    return tokens;
  };
  const expected = absolute(all).filter((token) => ['2', '3'].includes(token.split(':')[0]));
  assert.ok(expected.length > 0);
  assert.deepEqual(absolute(ranged.data), expected);
});
