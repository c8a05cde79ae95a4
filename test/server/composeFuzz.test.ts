/**
 * Mutated Compose corpus files (byte flips, truncation, line splices, huge lines, alias bombs) never crash or
 * hang the bundled server: each gets its diagnostics and answers to every Compose request within a bounded time.
 */
import assert from 'node:assert/strict';
import { ChildProcess, fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { DidCloseTextDocumentNotification, DidOpenTextDocumentNotification, InitializeRequest, PublishDiagnosticsNotification, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { composeCorpus } from './corpusFiles';

const serverPath = path.resolve(__dirname, '../../dist/server.js');
const { folder: corpus, files, skip } = composeCorpus();
const BUDGET_MS = 5000;

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Mutation = (text: string, next: () => number) => string;

const mutations: Record<string, Mutation> = {
  'byte flips': (text, next) => {
    const chars = [...text];
    const noise = ['&a', '*a', '<<', ':', '- ', '"', "'", '$', '${', '}', '[', ']', '{', '\n', '\t', ' ', '#', '|', '>', '!!', '\0', '\u{1F600}'];
    for (let flips = 1 + Math.floor(next() * 20); flips > 0 && chars.length > 0; flips--) {
      chars[Math.floor(next() * chars.length)] = noise[Math.floor(next() * noise.length)];
    }
    return chars.join('');
  },
  truncation: (text, next) => text.slice(0, Math.floor(next() * text.length)),
  'line splices': (text, next) => {
    const lines = text.split('\n');
    for (let splices = 1 + Math.floor(next() * 10); splices > 0; splices--) {
      const from = Math.floor(next() * lines.length);
      const piece = lines.slice(from, from + 1 + Math.floor(next() * 5));
      lines.splice(Math.floor(next() * lines.length), Math.floor(next() * 3), ...piece);
    }
    return lines.join('\n');
  },
  'huge lines': (text, next) => {
    const lines = text.split('\n');
    const unit = ['    image: ', '${A:-${B:-c}}', 'x: ', '[', 'a-'][Math.floor(next() * 5)];
    lines.splice(Math.floor(next() * lines.length), 0, unit.repeat(Math.ceil(100_000 / unit.length)));
    return lines.join('\n');
  },
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

let child: ChildProcess;
let connection: MessageConnection;
const published = new Map<string, (params: PublishDiagnosticsParams) => void>();

before(async () => {
  child = fork(serverPath, ['--stdio'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
  connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => published.get(params.uri)?.(params));
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: {} });
});

after(() => {
  connection.dispose();
  child.kill();
});

function withinBudget<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${BUDGET_MS} ms`)), BUDGET_MS);
    }),
  ]).finally(() => clearTimeout(timer));
}

test('mutated Compose corpus files never crash or hang the server', { skip, timeout: 10 * 60_000 }, async () => {
  const names = Object.keys(mutations);
  const next = random(20261207);
  const replay = path.join(os.tmpdir(), 'dockside-fuzz-last.compose.yaml');
  for (const [index, name] of files.entries()) {
    const kind = names[index % names.length];
    const text = mutations[kind](fs.readFileSync(path.join(corpus, name), 'utf8'), next);
    const uri = `file:///fuzz/${index}/compose.yaml`;
    const what = `${name} after ${kind} (input kept in ${replay})`;
    fs.writeFileSync(replay, text);
    const diagnostics = new Promise<PublishDiagnosticsParams>((resolve) => published.set(uri, resolve));
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
    published.delete(uri);
  }
  assert.equal(child.exitCode, null, 'the server is still running');
});
