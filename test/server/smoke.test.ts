import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { DiagnosticSeverity, DidOpenTextDocumentNotification, ExitNotification, InitializeRequest, InitializeResult, ShutdownRequest } from 'vscode-languageserver-protocol';
import { forkServer } from './forkedServer';

const serverPath = path.resolve(__dirname, '../../dist/server.js');

test('the bundled server answers initialize over stdio', async () => {
  const child = fork(serverPath, ['--stdio'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  connection.listen();
  try {
    const result: InitializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
    });
    assert.equal(result.serverInfo?.name, 'dockside-dockerfile');
    assert.ok(result.capabilities.textDocumentSync, 'the server declares how documents are synchronised');
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    assert.equal(await exited, 0);
  } finally {
    connection.dispose();
    child.kill();
  }
});

test('the bundled server diagnoses a long document in its analysis thread, started from the bundle itself', async () => {
  const server = await forkServer();
  try {
    const uri = 'file:///smoke/long/Dockerfile';
    // Past the analysis thread's 256K characters; an EXPOSE without a port on the last line.
    const text = `FROM alpine:3.20\n${'# padding for the analysis thread\n'.repeat(10_000)}EXPOSE\n`;
    const published = server.nextDiagnostics(uri);
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
    const { diagnostics } = await published;
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.range.start.line, diagnostic.severity]),
      [[10_001, DiagnosticSeverity.Error]],
    );
  } finally {
    server.dispose();
  }
});
