/**
 * A very large document: at most 1,000 diagnostics are published for it, with one more telling how many were left
 * out, and another document's requests are answered while it is analysed. One too large to analyse is told so.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DiagnosticSeverity, DidOpenTextDocumentNotification, Hover } from 'vscode-languageserver-protocol';
import { largeDockerfile } from '../../bench/largeDockerfile';
import { MAX_PUBLISHED_DIAGNOSTICS } from '../../server/diagnosticLimit';
import { MAX_ANALYSED_CHARACTERS } from '../../server/documentSizeLimit';
import { startServer, TestClient } from './harness';

let client: TestClient;
before(async () => {
  client = await startServer();
});
after(() => client.dispose());

test('a large document gets 1,000 diagnostics and one saying how many more, while another document’s hover is answered', async () => {
  const small = 'file:///large/small/Dockerfile';
  await client.open(small, 'FROM alpine:3.20\nENV HOME_DIR=/root\nWORKDIR $HOME_DIR\n');
  const large = 'file:///large/large/Dockerfile';
  // Over 1 MB: ~3,000 stages with a deprecated MAINTAINER each, and more findings.
  const text = largeDockerfile(1100 * 1024);
  const events: string[] = [];
  const diagnostics = client.nextDiagnostics(large, 1, 10 * 60_000).then((published) => {
    events.push('large diagnostics');
    return published;
  });
  await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: large, languageId: 'dockerfile', version: 1, text } });
  const hover = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri: small }, position: { line: 2, character: 10 } });
  events.push('small hover');
  assert.match(JSON.stringify(hover.contents), /HOME_DIR|root/);
  const published = await diagnostics;
  assert.deepEqual(events, ['small hover', 'large diagnostics']);
  assert.equal(published.length, MAX_PUBLISHED_DIAGNOSTICS + 1);
  const last = published.at(-1)!;
  assert.equal(last.severity, DiagnosticSeverity.Information);
  assert.match(last.message, /^…and (at least )?[\d,]+ more problems in this file: only the first 1,000 are shown\.$/);
  const leftOut = Number(/and (?:at least )?([\d,]+) more/.exec(last.message)![1].replace(/,/g, ''));
  assert.ok(leftOut > 1000, `${leftOut} left out`);
});

test('a document above the size limit gets one diagnostic saying it is not checked, and no features', async () => {
  const uri = 'file:///large/huge/Dockerfile';
  const text = largeDockerfile(MAX_ANALYSED_CHARACTERS + 1024);
  const published = await client.open(uri, text);
  assert.equal(published.length, 1);
  assert.equal(published[0].severity, DiagnosticSeverity.Information);
  assert.match(published[0].message, /^This Dockerfile is 8\.0 MB long: Dockerfiles above 8\.0 MB are not checked/);
  const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
  assert.equal(hover, null);
  const tokens = await client.connection.sendRequest<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
  assert.deepEqual(tokens.data, []);
});
