/**
 * Diagnostics computed in steps (long documents): the same diagnostics as in one go, a stop at any pause, and
 * in the server, requests answered while a long document is still being diagnosed and a replaced version
 * abandoned.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { computeDiagnostics, computeDiagnosticsInSteps } from '../../server/dockerfile/diagnostics/compute';
import { limitDiagnostics } from '../../server/diagnosticLimit';
import { ShellParseCache } from '../../server/dockerfile/lint';
import { ParsedDocument } from '../../server/dockerfile/parse/parsedDocument';
import { installParser } from '../../server/dockerfile/parse/parser';
import '../support/shellParser';
import { startServer, TestClient } from './harness';

installParser();

const SHORT = 'FROM debian:12 AS base\nENV PATH /opt/bin:$PATH\nRUN apt-get update && apt-get install curl\nCOPY --from=missing /a /b\nEXPOSE\n';

/** A document past the server's stepped-diagnostics threshold (64K characters): stages of varied instructions. */
function longDocument(stages: number): string {
  const lines = ['ARG BASE=debian:12'];
  for (let stage = 0; stage < stages; stage++) {
    lines.push(`FROM \${BASE} AS stage${stage}`, `ENV HOME_${stage} /srv/${stage}`, `WORKDIR $HOME_${stage}`);
    for (let line = 0; line < 40; line++) {
      lines.push(`RUN apt-get update && apt-get install -y pkg${line} && curl -fsSL https://example.invalid/${line} | sh`, `COPY --from=stage${stage} /a${line} /b${line}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function parsedDocument(text: string, uri = 'file:///stepped/Dockerfile'): ParsedDocument {
  return new ParsedDocument(TextDocument.create(uri, 'dockerfile', 1, text));
}

const options = () => ({ settings: {}, shellParses: new ShellParseCache() });

test('in steps, the diagnostics are the ones computed in one go', async () => {
  for (const text of [SHORT, longDocument(3)]) {
    const parsed = parsedDocument(text);
    let pauses = 0;
    const stepped = await computeDiagnosticsInSteps(parsed, options(), () => undefined, async () => {
      pauses++;
      return true;
    });
    assert.deepEqual(stepped, computeDiagnostics(parsed, options()));
    assert.ok(stepped!.some((diagnostic) => diagnostic.code === 'DS113'), 'the legacy ENV form is reported');
    assert.ok(pauses > 40, `a pause around the validator and after each rule (${pauses})`);
    parsed.release();
  }
});

test('in steps, the computation stops at the first pause that says so', async () => {
  const parsed = parsedDocument(SHORT);
  let pauses = 0;
  const stopped = await computeDiagnosticsInSteps(parsed, options(), () => undefined, async () => ++pauses < 3);
  assert.equal(stopped, undefined);
  assert.equal(pauses, 3, 'no step after the one told to stop');
  parsed.release();
});

let client: TestClient;
before(async () => {
  client = await startServer();
});
after(() => client.dispose());


test('on a long document, a hover sent during its diagnostics is answered before they are published', async () => {
  const uri = 'file:///stepped/long/Dockerfile';
  const text = longDocument(20);
  assert.ok(text.length > 64 * 1024, `${text.length} characters`);
  // No debounce, and the document's settings already pulled: the diagnostics of an edit start at once.
  client.settings['dockside.dockerfile'] = { diagnostics: { delay: 0 } };
  await client.open(uri, text);
  const events: string[] = [];
  const diagnostics = client.nextDiagnostics(uri, 2, 60_000).then((published) => {
    events.push('diagnostics');
    return published;
  });
  client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' }]);
  const hover = client.connection
    .sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 10 } })
    .then((answer) => {
      events.push('hover');
      return answer;
    });
  const [answer] = await Promise.all([hover, diagnostics]);
  assert.deepEqual(events, ['hover', 'diagnostics']);
  assert.match(answer?.contents.value ?? '', /HOME_0/, 'the hover resolves the variable');
  const expected = computeDiagnostics(parsedDocument(`# edited\n${text}`, uri), options());
  assert.equal((await client.settledDiagnostics(uri))?.length, limitDiagnostics(expected).length, 'every diagnostic is published, up to the limit');
});

test('on a long document, a version replaced while it is diagnosed is abandoned for the new one', async () => {
  const uri = 'file:///stepped/edited/Dockerfile';
  const text = longDocument(20);
  const first = client.nextDiagnostics(uri, 1, 15_000).then(
    () => 'published',
    () => 'not published',
  );
  const second = client.nextDiagnostics(uri, 2, 60_000);
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
  // An EXPOSE without a port on line 0: an error only the second version has.
  client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'EXPOSE\n' }]);
  const diagnostics = await second;
  assert.ok(diagnostics.some((diagnostic) => diagnostic.range.start.line === 0 && diagnostic.severity === 1), 'the second version was diagnosed');
  assert.equal(await first, 'not published', 'the first version never was');
});

test('on a long document, diagnostics under settings changed meanwhile are never published', async () => {
  const uri = 'file:///stepped/settings/Dockerfile';
  const text = longDocument(20);
  client.settings['dockside.dockerfile'] = { diagnostics: { delay: 0 } };
  const legacyEnv = (diagnostics: { code?: unknown }[]) => diagnostics.some((diagnostic) => diagnostic.code === 'DS113');
  assert.ok(legacyEnv(await client.open(uri, text)), 'the legacy ENV form is reported at first');
  const firstOfEdit = client.nextDiagnostics(uri, 2, 60_000);
  client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' }]);
  // The edit's diagnostics have started under the old settings when the rule is turned off.
  client.settings['dockside.dockerfile'] = { diagnostics: { delay: 0 }, rules: { DS113: 'off' } };
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  assert.equal(legacyEnv(await firstOfEdit), false, 'the first diagnostics of the edit already follow the new settings');
});
