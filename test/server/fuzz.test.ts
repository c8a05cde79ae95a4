/**
 * Mutated corpus files (byte flips, truncation, line splices, huge lines) never crash or hang the bundled
 * server: each gets its diagnostics and answers to a few requests within a bounded time. The server runs in
 * its own process so that a hang cannot stall the test itself.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { DidCloseTextDocumentNotification, DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol';
import { mutatedFiles, mutations, random } from './mutations';
import { dockerfileCorpus } from './corpusFiles';
import { BUDGET_MS, forkServer, withinBudget, type ForkedServer } from './forkedServer';

const { folder: corpus, files, skip } = dockerfileCorpus();

/** The index of the first token that does not start after the previous one (a client cannot lay those out). */
function misplacedToken(data: number[]): number | undefined {
  for (let index = 5; index < data.length; index += 5) {
    const [lineDelta, startDelta] = data.slice(index, index + 2);
    if (lineDelta < 0 || (lineDelta === 0 && startDelta < data[index - 3])) {
      return index / 5;
    }
  }
  return undefined;
}

let server: ForkedServer;
before(async () => (server = await forkServer()));
after(() => server.dispose());

test('mutated corpus files never crash or hang the server', { skip, timeout: 10 * 60_000 }, async () => {
  const { connection } = server;
  const next = random(20261123);
  const slowest: [number, string] = [0, ''];
  for (const { index, name, kind, text } of mutatedFiles(corpus, files, mutations, next)) {
    const uri = `file:///fuzz/${index}/Dockerfile`;
    const what = `${name} after ${kind} (input kept in ${path.join(os.tmpdir(), 'dockside-fuzz-last.Dockerfile')})`;
    // Kept on disk while the file is being checked, so a failure can be replayed by hand.
    const replay = path.join(os.tmpdir(), 'dockside-fuzz-last.Dockerfile');
    fs.writeFileSync(replay, text);
    const started = performance.now();
    const diagnostics = server.nextDiagnostics(uri);
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text },
    });
    await withinBudget(diagnostics, `${what}: diagnostics`);
    const lines = text.split('\n');
    const line = Math.floor(next() * lines.length);
    const position = { line, character: Math.floor(next() * (lines[line].length + 1)) };
    const textDocument = { uri };
    const at = `${line}:${position.character}`;
    const options = { tabSize: 4, insertSpaces: true };
    for (const method of ['textDocument/hover', 'textDocument/completion', 'textDocument/documentHighlight', 'textDocument/signatureHelp', 'textDocument/definition', 'textDocument/prepareRename']) {
      await withinBudget(connection.sendRequest(method, { textDocument, position }), `${what}: ${method} at ${at}`);
    }
    await withinBudget(connection.sendRequest('textDocument/references', { textDocument, position, context: { includeDeclaration: true } }), `${what}: references at ${at}`);
    await withinBudget(connection.sendRequest('textDocument/onTypeFormatting', { textDocument, position, ch: '\\', options }), `${what}: onTypeFormatting at ${at}`);
    // A rename may be refused (no symbol there): an answer, not a crash.
    await withinBudget(connection.sendRequest('textDocument/rename', { textDocument, position, newName: 'RENAMED' }).catch(() => null), `${what}: rename at ${at}`);
    for (const method of ['textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/documentLink']) {
      await withinBudget(connection.sendRequest(method, { textDocument }), `${what}: ${method}`);
    }
    const tokens = await withinBudget(connection.sendRequest<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument }), `${what}: semantic tokens`);
    assert.equal(misplacedToken(tokens.data), undefined, `${what}: semantic tokens out of order or overlapping`);
    await withinBudget(connection.sendRequest('textDocument/formatting', { textDocument, options }), `${what}: formatting`);
    const whole = { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } };
    await withinBudget(connection.sendRequest('textDocument/codeAction', { textDocument, range: whole, context: { diagnostics: (await diagnostics).diagnostics } }), `${what}: codeAction`);
    await connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument });
    const elapsed = performance.now() - started;
    if (elapsed > slowest[0]) {
      slowest.splice(0, 2, elapsed, what);
    }
  }
  assert.equal(server.child.exitCode, null, 'the server is still running');
  assert.ok(slowest[0] < BUDGET_MS, `slowest file: ${slowest[1]} (${slowest[0].toFixed(0)} ms)`);
});
