/**
 * Long documents are parsed and diagnosed in the analysis thread: another document's hover and diagnostics are
 * answered while a 4 MB document is analysed, its diagnostics are the ones computed in-process (capped the same
 * way), a version replaced meanwhile is never published, ShellCheck's findings still follow, and the thread ends
 * when idle, and on a job that needs more memory than it is given.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Diagnostic, DidOpenTextDocumentNotification, DocumentSymbol, FoldingRange, Hover, SemanticTokens, SemanticTokensDelta } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { largeDockerfile } from '../../bench/largeDockerfile';
import { AnalysisFailedError, AnalysisThread, type DiagnosticsPart } from '../../server/dockerfile/analysis/analysisThread';
import { computeDiagnostics } from '../../server/dockerfile/diagnostics/compute';
import { documentLintOptions } from '../../server/dockerfile/diagnostics/lintOptions';
import { documentSymbols } from '../../server/dockerfile/features/documentSymbols';
import { foldingRanges } from '../../server/dockerfile/features/libraryFeatures';
import { semanticTokens } from '../../server/dockerfile/features/semanticTokens';
import { DiagnosticBudget, limitDiagnostics } from '../../server/diagnosticLimit';
import { ShellParseCache } from '../../server/dockerfile/lint';
import { ParsedDocument } from '../../server/dockerfile/parse/parsedDocument';
import { installParser } from '../../server/dockerfile/parse/parser';
import { localRuleLinks } from '../../server/dockerfile/project/rulesDocument';
import { defaultSettings } from '../../server/settings';
import '../support/shellParser';
import { waitFor } from '../support/waitFor';
import { startServer, TestClient } from './harness';

installParser();

const FOUR_MB = 4 * 1024 * 1024;
const SMALL_TEXT = 'FROM alpine:3.20\nENV HOME_DIR=/root\nWORKDIR $HOME_DIR\nEXPOSE\n';

/** What the server computes in-process for `text` under the default settings, capped as it publishes. */
function inProcessDiagnostics(text: string): Diagnostic[] {
  const parsed = new ParsedDocument(TextDocument.create('file:///analysis/in-process/Dockerfile', 'dockerfile', 1, text));
  const budget = new DiagnosticBudget();
  const lint = { ...documentLintOptions(defaultSettings, {}), shellParses: new ShellParseCache(), ruleLink: localRuleLinks(), budget };
  const diagnostics = limitDiagnostics(computeDiagnostics(parsed, lint), budget.limit, budget);
  parsed.release();
  return diagnostics;
}

let client: TestClient;
before(async () => {
  client = await startServer();
});
after(() => client.dispose());

test('while a 4 MB document is analysed, a small one gets its diagnostics and hovers first, and the large one all its diagnostics', async () => {
  const large = 'file:///analysis/large/Dockerfile';
  const small = 'file:///analysis/small/Dockerfile';
  const text = largeDockerfile(FOUR_MB);
  const events: string[] = [];
  const largeDiagnostics = client.nextDiagnostics(large, 1, 10 * 60_000).then((diagnostics) => {
    events.push('large diagnostics');
    return diagnostics;
  });
  const opened = performance.now();
  await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: large, languageId: 'dockerfile', version: 1, text } });
  const smallDiagnostics = await client.openFirst(small, SMALL_TEXT);
  events.push('small diagnostics');
  assert.ok(
    smallDiagnostics.some((diagnostic) => diagnostic.range.start.line === 3),
    `the small document's EXPOSE without a port is reported: ${JSON.stringify(smallDiagnostics)}`,
  );
  const waits: number[] = [];
  for (let index = 0; index < 5; index++) {
    const sent = performance.now();
    const hover = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri: small }, position: { line: 2, character: 10 } });
    waits.push(performance.now() - sent);
    assert.match(JSON.stringify(hover.contents), /HOME_DIR|root/);
  }
  events.push('small hovers');
  const first = await largeDiagnostics;
  const elapsed = performance.now() - opened;
  assert.deepEqual(events, ['small diagnostics', 'small hovers', 'large diagnostics']);
  assert.ok(Math.max(...waits) < elapsed / 4, `hovers waited ${waits.map((wait) => wait.toFixed(0)).join(', ')} ms; the large document's diagnostics ${elapsed.toFixed(0)} ms`);

  const published = (await client.settledDiagnostics(large))!;
  assert.ok(first.length > 0);
  assert.deepEqual(published, inProcessDiagnostics(text), 'the same diagnostics as computed in-process, capped the same way');
  assert.match(published.at(-1)!.message, /^…and (at least )?[\d,]+ more problems in this file: only the first 1,000 are shown\.$/);
  assert.ok(client.publications(large).every((publication) => publication.version === 1));
});

test('a long document’s semantic tokens, symbols and folding come from the thread, the same as in-process, after a small document’s hover', async () => {
  const large = 'file:///analysis/features/Dockerfile';
  const small = 'file:///analysis/features-small/Dockerfile';
  const text = largeDockerfile(FOUR_MB);
  await client.openFirst(small, SMALL_TEXT);
  await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: large, languageId: 'dockerfile', version: 1, text } });
  const events: string[] = [];
  const textDocument = { uri: large };
  const tokens = client.connection.sendRequest<SemanticTokens>('textDocument/semanticTokens/full', { textDocument }).then((answer) => {
    events.push('large tokens');
    return answer;
  });
  const symbols = client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument });
  const folding = client.connection.sendRequest<FoldingRange[]>('textDocument/foldingRange', { textDocument });
  await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri: small }, position: { line: 2, character: 10 } });
  events.push('small hover');
  const parsed = new ParsedDocument(TextDocument.create(large, 'dockerfile', 1, text));
  try {
    const full = await tokens;
    assert.deepEqual(events, ['small hover', 'large tokens']);
    assert.deepEqual(full.data, semanticTokens(parsed).data);
    assert.deepEqual(await symbols, documentSymbols(parsed));
    assert.deepEqual(await folding, foldingRanges(parsed, true, Number.MAX_VALUE));
    const delta = await client.connection.sendRequest<SemanticTokensDelta>('textDocument/semanticTokens/full/delta', { textDocument, previousResultId: full.resultId });
    assert.deepEqual(delta.edits, [], 'the same version: no edit');
  } finally {
    parsed.release();
  }
});

test('a version of a long document replaced while the thread analyses it is never published', async () => {
  const uri = 'file:///analysis/edited/Dockerfile';
  const text = largeDockerfile(FOUR_MB);
  client.settings['dockside.dockerfile'] = { diagnostics: { delay: 0 } };
  try {
    const second = client.nextDiagnostics(uri, 2, 10 * 60_000);
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
    // An EXPOSE without a port on line 0: an error only the second version has.
    client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'EXPOSE\n' }]);
    const diagnostics = await second;
    assert.ok(diagnostics.some((diagnostic) => diagnostic.range.start.line === 0 && diagnostic.severity === 1), 'the second version was diagnosed');
    await client.settledDiagnostics(uri);
    assert.deepEqual(
      client.publications(uri).map((publication) => publication.version),
      client.publications(uri).map(() => 2),
      'only the second version was published',
    );
  } finally {
    client.settings['dockside.dockerfile'] = {};
  }
});

test('ShellCheck’s findings on a long document follow its diagnostics', { skip: !hasShellcheck() && 'shellcheck is not installed' }, async () => {
  const uri = 'file:///analysis/shellcheck/Dockerfile';
  const padding = '# a long comment to make the document long enough for the analysis thread\n'.repeat(4000);
  const text = `FROM alpine:3.20\n${padding}RUN echo $1\n`;
  assert.ok(text.length > 256 * 1024);
  client.settings['dockside.dockerfile'] = { shellcheck: { maxLines: 100_000 } };
  try {
    await client.open(uri, text);
    const diagnostics = await client.diagnosticsWhere(uri, (found) => found.some((diagnostic) => diagnostic.source === 'shellcheck'), 60_000);
    const sc2086 = diagnostics.find((diagnostic) => diagnostic.code === 'SC2086');
    assert.deepEqual(sc2086?.range, { start: { line: 4001, character: 9 }, end: { line: 4001, character: 11 } });
  } finally {
    client.settings['dockside.dockerfile'] = {};
  }
});

function hasShellcheck(): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:child_process').spawnSync('shellcheck', ['--version']).status === 0;
}

test('the thread ends once idle, and a job that needs more memory than it is given fails without taking the next job down', async () => {
  const logs: string[] = [];
  const thread = new AnalysisThread({ idleMs: 200, maxHeapMb: 24, log: (message) => logs.push(message) });
  try {
    const document = (uri: string, text: string) => ({ uri, version: 1, text });
    const parts: DiagnosticsPart[] = [];
    const failed = thread.diagnose(document('file:///analysis/oom/Dockerfile', largeDockerfile(FOUR_MB)), { settings: {} }, 1000, () => undefined);
    const next = thread.diagnose(document('file:///analysis/after/Dockerfile', SMALL_TEXT), { settings: {} }, 1000, (part) => void parts.push(part));
    await assert.rejects(failed, AnalysisFailedError);
    assert.equal(await next, 'done');
    assert.ok(parts[0].diagnostics.some((diagnostic) => diagnostic.range.start.line === 3), 'the next job was diagnosed');
    assert.match(logs.join('\n'), /out of memory \(24 MB\)/);
    assert.equal(thread.isRunning, true);
    await waitFor(() => thread.isRunning, (running) => !running, 'the idle thread to end', 5_000);
  } finally {
    thread.dispose();
  }
});
