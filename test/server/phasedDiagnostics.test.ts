/**
 * Diagnostics arrive in two publications: the validator's and the instruction-level rules' at once, then the list
 * with the shell-level rules' findings added (they need each RUN script parsed as shell). A newer version
 * supersedes an older one's, and nothing of an older version is published after a newer one's.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { levelOf, ruleByCode } from '../../server/dockerfile/lint';
import { startServer, TestClient } from './harness';

let client: TestClient;
before(async () => {
  client = await startServer();
  // ShellCheck's own later publication is not what these tests are about.
  client.settings['dockside.dockerfile'] = { shellcheck: { enabled: false }, diagnostics: { delay: 0 } };
});
after(() => client.dispose());

const codes = (diagnostics: readonly Diagnostic[]) => diagnostics.map((diagnostic) => `${diagnostic.range.start.line}:${String(diagnostic.code)}`);
const isShellLevel = (diagnostic: Diagnostic) => {
  const rule = typeof diagnostic.code === 'string' ? ruleByCode(diagnostic.code) : undefined;
  return rule !== undefined && levelOf(rule) === 'shell';
};

// Line 0: DS201 untagged-image (instruction level); line 1: DS301-DS304, apt-get's rules
// (shell level); line 2: the validator's error for EXPOSE without a port.
const text = 'FROM debian\nRUN apt-get update && apt-get install curl\nEXPOSE\n';

test('the first publication has the validator and the instruction-level rules; the second adds the shell-level rules', async () => {
  const uri = 'file:///phased/first/Dockerfile';
  const first = await client.openFirst(uri, text);
  const full = (await client.settledDiagnostics(uri))!;
  assert.deepEqual(codes(first.filter(isShellLevel)), [], 'no shell-level finding in the first publication');
  assert.ok(codes(first).includes('0:DS201'), codes(first).join(' '));
  assert.ok(first.some((diagnostic) => diagnostic.source === 'dockerfile-utils' && diagnostic.range.start.line === 2), 'the validator is in the first');
  assert.deepEqual(codes(full.filter(isShellLevel)).sort(), ['1:DS301', '1:DS302', '1:DS303', '1:DS304']);
  // The second publication keeps everything of the first, in the order of one pass over all rules.
  assert.deepEqual(
    codes(full).filter((code) => codes(first).includes(code)),
    codes(first),
  );
  assert.deepEqual(
    client.publications(uri).map((params) => params.version),
    [1, 1],
  );
});

test('a document whose shell-level rules find nothing is published once', async () => {
  const uri = 'file:///phased/once/Dockerfile';
  await client.open(uri, 'FROM debian:12\nRUN echo hello\nCOPY a /a\n');
  assert.deepEqual(
    client.publications(uri).map((params) => params.version),
    [1],
  );
});

test('a newer version supersedes: nothing of an older version is published after a newer one', async () => {
  const uri = 'file:///phased/edited/Dockerfile';
  await client.open(uri, text);
  const before = client.publications(uri).length;
  // Three versions in a row, each with other findings; only the last may end the sequence.
  client.change(uri, 2, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'RUN apk add git\n' }]);
  client.change(uri, 3, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 11 } }, text: 'FROM debian:latest' }]);
  await client.nextDiagnostics(uri, 3);
  const settled = (await client.settledDiagnostics(uri))!;
  const versions = client.publications(uri).slice(before).map((params: PublishDiagnosticsParams) => params.version!);
  assert.deepEqual(
    versions,
    [...versions].sort((a, b) => a - b),
    `versions in order: ${versions.join(' ')}`,
  );
  assert.equal(versions.at(-1), 3);
  // The last list is version 3's, complete: its DS202 latest-tag and both RUNs' shell-level findings.
  assert.deepEqual(codes(settled.filter((diagnostic) => diagnostic.source === 'dockside')).sort(), ['0:DS202', '1:DS305', '1:DS306', '2:DS301', '2:DS302', '2:DS303', '2:DS304']);
});

test('closing a document between its two publications publishes nothing more for it', async () => {
  const uri = 'file:///phased/closed/Dockerfile';
  const first = client.openFirst(uri, text);
  await first;
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  await client.settledDiagnostics(uri);
  const published = client.publications(uri);
  // The close clears the document's diagnostics; a second part computed for it must not bring them back.
  assert.deepEqual(published.at(-1)?.diagnostics, []);
});
