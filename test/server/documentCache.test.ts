/**
 * Open documents keep their parse only while among the last used: an editor with many Dockerfiles open does not
 * hold every parse. A document whose parse was let go is parsed again on its next use, and answers as before.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentCache } from '../../server/dockerfile/parse/documentCache';
import { startServer, TestClient } from './harness';

test('the cache keeps the parses of the documents used last, and parses again one it let go', () => {
  const cache = new DocumentCache(2);
  const documents = ['a', 'b', 'c'].map((name) => TextDocument.create(`file:///${name}/Dockerfile`, 'dockerfile', 1, `FROM ${name}\n`));
  const first = cache.get(documents[0]);
  cache.get(documents[1]);
  assert.equal(cache.get(documents[0]), first, 'a kept parse is reused');
  cache.get(documents[2]);
  assert.equal(cache.size, 2);
  // b was used least recently: let go. a is still kept.
  assert.equal(cache.get(documents[0]), first);
  const again = cache.get(documents[1]);
  assert.notEqual(again, undefined);
  assert.equal(again.dockerfile.getFROMs()[0].getImage(), 'b');
  assert.equal(cache.size, 2);
  assert.ok(cache.has(documents[2].uri), 'a document parsed since it was opened counts as seen');
  cache.delete(documents[2].uri);
  assert.ok(!cache.has(documents[2].uri));
});

let client: TestClient;
before(async () => {
  client = await startServer();
});
after(() => client.dispose());

test('with many documents open, the first still answers after its parse was let go', async () => {
  const uri = (index: number) => `file:///many/${index}/Dockerfile`;
  for (let index = 0; index < 20; index++) {
    await client.open(uri(index), `FROM alpine:3.20\nENV HOME_${index}=/srv/${index}\nWORKDIR $HOME_${index}\n`);
  }
  const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uri(0) }, position: { line: 2, character: 10 } })) as Hover;
  assert.equal((hover.contents as MarkupContent).value, '`HOME_0` = `/srv/0`');
});
