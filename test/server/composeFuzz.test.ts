/**
 * Mutated Compose corpus files (byte flips, truncation, line splices, huge lines, alias bombs) never crash or
 * hang the bundled server: each gets its diagnostics and answers to every Compose request within a bounded time.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { DidCloseTextDocumentNotification, DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol';
import { composeCorpus } from './corpusFiles';
import { forkServer, withinBudget, type ForkedServer } from './forkedServer';
import { mutatedFiles, random, textMutations, type Mutation } from './mutations';

const { folder: corpus, files, skip } = composeCorpus();

/** Mutations of Compose text: the shared ones, and an alias bomb (anchors that expand to a billion nodes). */
const mutations: Record<string, Mutation> = {
  ...textMutations(
    ['&a', '*a', '<<', ':', '- ', '"', "'", '$', '${', '}', '[', ']', '{', '\n', '\t', ' ', '#', '|', '>', '!!', '\0', '\u{1F600}'],
    ['    image: ', '${A:-${B:-c}}', 'x: ', '[', 'a-'],
  ),
  'alias bomb': (text) => {
    let bomb = 'x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let level = 1; level < 10; level++) {
      const name = String.fromCharCode(97 + level);
      const previous = String.fromCharCode(96 + level);
      bomb += `x-${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]\n`;
    }
    return bomb + text;
  },
};

let server: ForkedServer;
before(async () => (server = await forkServer()));
after(() => server.dispose());

test('mutated Compose corpus files never crash or hang the server', { skip, timeout: 10 * 60_000 }, async () => {
  const { connection } = server;
  const next = random(20261207);
  const replay = path.join(os.tmpdir(), 'dockside-fuzz-last.compose.yaml');
  for (const { index, name, kind, text } of mutatedFiles(corpus, files, mutations, next)) {
    const uri = `file:///fuzz/${index}/compose.yaml`;
    const what = `${name} after ${kind} (input kept in ${replay})`;
    fs.writeFileSync(replay, text);
    const diagnostics = server.nextDiagnostics(uri);
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'dockercompose', version: 1, text } });
    await withinBudget(diagnostics, `${what}: diagnostics`);
    const lines = text.split('\n');
    const line = Math.floor(next() * lines.length);
    const position = { line, character: Math.floor(next() * (lines[line].length + 1)) };
    const textDocument = { uri };
    const at = `${line}:${position.character}`;
    for (const method of ['textDocument/hover', 'textDocument/completion', 'textDocument/documentHighlight', 'textDocument/definition', 'textDocument/prepareRename']) {
      await withinBudget(connection.sendRequest(method, { textDocument, position }), `${what}: ${method} at ${at}`);
    }
    await withinBudget(connection.sendRequest('textDocument/references', { textDocument, position, context: { includeDeclaration: true } }), `${what}: references at ${at}`);
    await withinBudget(connection.sendRequest('textDocument/rename', { textDocument, position, newName: 'renamed' }).catch(() => null), `${what}: rename at ${at}`);
    for (const method of ['textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/documentLink', 'textDocument/codeLens']) {
      await withinBudget(connection.sendRequest(method, { textDocument }), `${what}: ${method}`);
    }
    await withinBudget(connection.sendRequest('textDocument/formatting', { textDocument, options: { tabSize: 2, insertSpaces: true } }), `${what}: formatting`);
    const whole = { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } };
    await withinBudget(connection.sendRequest('textDocument/codeAction', { textDocument, range: whole, context: { diagnostics: (await diagnostics).diagnostics } }), `${what}: codeAction`);
    await connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument });
  }
  assert.equal(server.child.exitCode, null, 'the server is still running');
});
