/**
 * A malformed frame on stdio ends the bundled server with a message on stderr and a non-zero exit code (the client
 * then starts a new server), instead of leaving it running without reading anything more.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import type { Message } from 'vscode-jsonrpc';
import { FrameReader } from '../../server/frameReader';

const serverPath = path.resolve(__dirname, '../../dist/server.js');
const EXIT_DEADLINE_MS = 20_000;

const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const initialize = frame(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));

/** Starts the bundled server, initializes it, writes `bad`, and returns its exit code and stderr. */
async function afterBadFrame(bad: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
  child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
  // 'close' comes once stderr is read to its end ('exit' may come before).
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const deadline = setTimeout(() => child.kill('SIGKILL'), EXIT_DEADLINE_MS);
  try {
    child.stdin.write(initialize);
    // The server answers initialize: it reads well-formed frames.
    while (!stdout.includes('"id":1')) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(child.exitCode, null, `the server ended before answering initialize: ${stderr}`);
    }
    child.stdin.write(bad);
    const code = await exited;
    return { code, stderr };
  } finally {
    clearTimeout(deadline);
    child.kill();
  }
}

const cases: [string, string][] = [
  ['a header without Content-Length', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{"jsonrpc":"2.0","method":"initialized","params":{}}'],
  ['a Content-Length that is not a number', 'Content-Length: twelve\r\n\r\n{"jsonrpc":"2.0"}'],
  ['a negative Content-Length', 'Content-Length: -5\r\n\r\n{"jsonrpc":"2.0","method":"initialized","params":{}}'],
  ['junk on a line before a header', `hello there\r\n${frame('{"jsonrpc":"2.0","method":"initialized","params":{}}')}`],
  ['junk glued to a header', `xyz${frame('{"jsonrpc":"2.0","method":"initialized","params":{}}')}`],
  ['a body that is not JSON', frame('{"jsonrpc":"2.0",')],
  ['junk without any header end', 'x'.repeat(20_000)],
];

for (const [what, bad] of cases) {
  test(`the server logs and exits on ${what}`, async () => {
    const { code, stderr } = await afterBadFrame(bad);
    assert.notEqual(code, 0, 'a non-zero exit code');
    assert.notEqual(code, null, 'the server ended by itself');
    assert.match(stderr, /malformed message/);
  });
}

test('frames split into single bytes, and several in one chunk, are all read', async () => {
  const input = new PassThrough();
  const reader = new FrameReader(input);
  const messages: Message[] = [];
  reader.listen((message) => messages.push(message));
  const bodies = [{ jsonrpc: '2.0', method: 'a', params: { text: 'é ✓' } }, { jsonrpc: '2.0', id: 2, method: 'b' }, { jsonrpc: '2.0', method: 'c' }];
  const first = frame(JSON.stringify(bodies[0]));
  for (const byte of Buffer.from(first)) {
    input.write(Buffer.from([byte]));
  }
  input.write(frame(JSON.stringify(bodies[1])) + `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n${frame(JSON.stringify(bodies[2]))}`);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(messages, bodies);
});
