/**
 * The server's message writer: each message goes out as one whole frame during the call that sends it, with a
 * Content-Length in bytes, in the order sent; a client's reader (vscode-jsonrpc's) reads them back as sent.
 */
import assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import { test } from 'node:test';
import type { Message, NotificationMessage } from 'vscode-jsonrpc';
import { StreamMessageReader } from 'vscode-jsonrpc/node';
import { FrameWriter } from '../../server/frameWriter';

const READ_DEADLINE_MS = 5_000;

const publication = (uri: string, message: string): NotificationMessage => ({
  jsonrpc: '2.0',
  method: 'textDocument/publishDiagnostics',
  params: { uri, diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }, message }] },
});

/** A stream that records each chunk written to it, as written. */
function recorder(): { stream: Writable; chunks: string[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  return { stream, chunks };
}

test('a message is written as one frame, before the call that sends it returns', () => {
  const { stream, chunks } = recorder();
  const writer = new FrameWriter(stream);
  void writer.write(publication('file:///w/Dockerfile', 'Use WORKDIR — not cd'));
  assert.equal(chunks.length, 1, 'header and body in one write');
  const [header, body] = chunks[0].split('\r\n\r\n');
  assert.deepEqual(JSON.parse(body), publication('file:///w/Dockerfile', 'Use WORKDIR — not cd'));
  // The dash is three bytes in UTF-8: the length counts bytes, not characters.
  assert.equal(header, `Content-Length: ${Buffer.byteLength(body, 'utf8')}`);
  assert.notEqual(Buffer.byteLength(body, 'utf8'), body.length);
});

test('a client reads the messages back whole and in the order they were sent', async () => {
  const pipe = new PassThrough();
  const writer = new FrameWriter(pipe);
  const sent = Array.from({ length: 50 }, (_, index) => publication(`file:///w/${index}/Dockerfile`, `finding ${index} ü`));
  const reader = new StreamMessageReader(pipe);
  const received: Message[] = [];
  const all = new Promise<void>((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error(`only ${received.length} of ${sent.length} messages read`)), READ_DEADLINE_MS);
    reader.listen((message) => {
      received.push(message);
      if (received.length === sent.length) {
        clearTimeout(deadline);
        resolve();
      }
    });
  });
  await Promise.all(sent.map((message) => writer.write(message)));
  await all;
  assert.deepEqual(received, sent);
  reader.dispose();
});

test('a failed write rejects and is reported as the writer error', async () => {
  const failing = new Writable({
    write(_chunk, _encoding, callback) {
      callback(new Error('EPIPE: the client went away'));
    },
  });
  const writer = new FrameWriter(failing);
  const reported: string[] = [];
  writer.onError(([error]) => reported.push(error.message));
  await assert.rejects(writer.write(publication('file:///w/Dockerfile', 'x')), /EPIPE/);
  assert.ok(reported.some((message) => /EPIPE/.test(message)), `reported: ${reported.join('; ')}`);
});

test('a message that cannot be made JSON is rejected and nothing is written', async () => {
  const { stream, chunks } = recorder();
  const writer = new FrameWriter(stream);
  const cyclic: Record<string, unknown> = { jsonrpc: '2.0', method: 'window/logMessage' };
  cyclic.params = cyclic;
  await assert.rejects(writer.write(cyclic as unknown as Message), TypeError);
  assert.deepEqual(chunks, []);
  void writer.write(publication('file:///w/Dockerfile', 'after'));
  assert.equal(chunks.length, 1, 'the writer still writes');
});
