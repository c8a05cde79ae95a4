import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import Docker from 'dockerode';
import { HttpResponseHead, HttpResponseReader } from '../../src/logs/httpResponse';
import { logsPath } from '../../src/logs/logStream';
import { getRequest, rawEngineAddress, readEngineStream } from '../../src/logs/rawLogStream';
import { describeEngineError, engineMessage } from '../../src/engine/errors';

interface Read {
  head?: HttpResponseHead;
  body: Buffer;
  complete: boolean;
}

/** Reads `bytes` cut at each of `cuts`, each piece in a reused buffer with stale bytes around it. */
function readCut(bytes: Buffer, cuts: number[], end = true): Read {
  const result: Read = { body: Buffer.alloc(0), complete: false };
  const parts: Buffer[] = [];
  const reader = new HttpResponseReader({
    head: (head) => (result.head = head),
    body: (buffer, start, stop) => parts.push(Buffer.from(buffer.subarray(start, stop))),
  });
  const scratch = Buffer.alloc(bytes.length + 8);
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    scratch.fill(0x30);
    bytes.copy(scratch, 4, from, cut);
    reader.push(scratch, 4, 4 + cut - from);
    from = cut;
  }
  if (end) reader.end();
  result.complete = reader.complete;
  result.body = Buffer.concat(parts);
  return result;
}

const chunked = Buffer.from(
  'HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\nTransfer-Encoding: chunked\r\nX-Twice: a\r\nX-Twice: b\r\n\r\n' +
    '5\r\nhello\r\n' +
    `${Buffer.byteLength(', world, in chunks (x)\n\r\n').toString(16)};name=value\r\n, world, in chunks (x)\n\r\n\r\n` +
    '0\r\nTrailer: yes\r\n\r\n',
);

test('a chunked response cut at every byte boundary reads the same', () => {
  for (let cut = 1; cut < chunked.length; cut++) {
    const read = readCut(chunked, [cut]);
    assert.equal(read.head?.status, 200, `cut at ${cut}`);
    assert.equal(read.head?.headers.get('content-type'), 'application/vnd.docker.raw-stream');
    assert.equal(read.head?.headers.get('x-twice'), 'a, b');
    assert.equal(read.body.toString(), 'hello, world, in chunks (x)\n\r\n', `cut at ${cut}`);
    assert.ok(read.complete);
  }
  const byteByByte = readCut(chunked, [...Array(chunked.length - 1).keys()].map((index) => index + 1));
  assert.equal(byteByByte.body.toString(), 'hello, world, in chunks (x)\n\r\n');
});

test('Content-Length, up-to-close and empty bodies; an interim 100 Continue is skipped', () => {
  const sized = readCut(Buffer.from('HTTP/1.1 404 Not Found\r\nContent-Length: 5\r\n\r\n{"a"}ignored'), [20]);
  assert.equal(sized.head?.status, 404);
  assert.equal(sized.head?.reason, 'Not Found');
  assert.equal(sized.body.toString(), '{"a"}');
  const untilClose = readCut(Buffer.from('HTTP/1.0 200 OK\r\n\r\nraw bytes\r\n0\r\n'), [3, 25]);
  assert.equal(untilClose.body.toString(), 'raw bytes\r\n0\r\n');
  assert.ok(untilClose.complete);
  const upgraded = readCut(Buffer.from('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.multiplexed-stream\r\nUpgrade: tcp\r\n\r\n\x01\x00'), [30]);
  assert.equal(upgraded.head?.status, 101);
  assert.deepEqual([...upgraded.body], [1, 0]);
  assert.equal(readCut(Buffer.from('HTTP/1.1 204 No Content\r\n\r\n'), []).body.length, 0);
});

test('malformed or cut-short responses are errors, not silence', () => {
  assert.throws(() => readCut(Buffer.from('SSH-2.0-OpenSSH\r\n\r\n'), []), /not an HTTP response/);
  assert.throws(() => readCut(Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'), []), /malformed chunk size/);
  assert.throws(() => readCut(Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n'), []), /longer than its size/);
  assert.throws(() => readCut(chunked.subarray(0, chunked.length - 10), [40]), /closed in the middle of the response/);
  assert.throws(() => readCut(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'), []), /closed in the middle/);
  assert.throws(() => readCut(Buffer.from('HTTP/1.1 200'), []), /closed before a response/);
  assert.throws(() => readCut(Buffer.from(`HTTP/1.1 200 OK\r\nX: ${'y'.repeat(70_000)}`), [], false), /too large/);
});

test('the request names the API version and path prefix the client uses', () => {
  assert.equal(
    getRequest({ socketPath: '/run/docker.sock', prefix: '/v1.41', headers: { 'X-Extra': '1' } }, logsPath('abc', { follow: true, timestamps: true, tail: 'all' })),
    'GET /v1.41/containers/abc/logs?stdout=true&stderr=true&follow=true&timestamps=true&tail=all HTTP/1.1\r\nHost: docker\r\nUser-Agent: Dockside\r\nX-Extra: 1\r\nConnection: close\r\n\r\n',
  );
  assert.match(getRequest({ host: '10.0.0.2', port: 2375, prefix: '', headers: {} }, '/x'), /^GET \/x HTTP\/1\.1\r\nHost: 10\.0\.0\.2:2375\r\n/);
});

test('plain sockets are used for unix and plain tcp engines only; TLS and ssh stay with dockerode', async () => {
  assert.deepEqual(await rawEngineAddress(new Docker({ socketPath: '/run/x.sock', version: 'v1.41' })), { socketPath: '/run/x.sock', prefix: '/v1.41', headers: {} });
  assert.deepEqual(await rawEngineAddress(new Docker({ host: '10.0.0.2', port: 2375, protocol: 'http' })), { host: '10.0.0.2', port: 2375, prefix: '', headers: {} });
  assert.equal(await rawEngineAddress(new Docker({ host: '10.0.0.2', port: 2376, protocol: 'https' })), undefined);
  assert.equal(await rawEngineAddress(new Docker({ host: 'example.com', port: 22, protocol: 'ssh' })), undefined);
  assert.equal(await rawEngineAddress(new Docker({ socketPath: '/run/x.sock', timeout: 1000 })), undefined);
});

// A fake engine on a unix socket: each test says what it answers.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-raw-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
let serverCount = 0;

async function fakeEngine(answer: (socket: net.Socket, request: string) => void): Promise<{ socketPath: string; requests: string[]; close(): void }> {
  const socketPath = path.join(dir, `engine-${serverCount++}.sock`);
  const requests: string[] = [];
  const server = net.createServer((socket) => {
    let request = '';
    socket.on('data', (data) => {
      request += data.toString('latin1');
      if (request.includes('\r\n\r\n')) {
        requests.push(request);
        answer(socket, request);
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return { socketPath, requests, close: () => server.close() };
}

async function readAll(socketPath: string, signal = new AbortController().signal): Promise<string> {
  const parts: Buffer[] = [];
  await readEngineStream({ socketPath, prefix: '/v1.41', headers: {} }, '/containers/c1/logs?follow=true', (bytes, start, end) => parts.push(Buffer.from(bytes.subarray(start, end))), signal);
  return Buffer.concat(parts).toString();
}

test('the body of a streamed answer arrives whole, however the engine writes it', async () => {
  const engine = await fakeEngine((socket) => {
    socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nab');
    setTimeout(() => socket.end('cd\r\n3\r\nefg\r\n0\r\n\r\n'), 20);
  });
  try {
    assert.equal(await readAll(engine.socketPath), 'abcdefg');
    assert.match(engine.requests[0], /^GET \/v1\.41\/containers\/c1\/logs\?follow=true HTTP\/1\.1\r\n/);
  } finally {
    engine.close();
  }
});

test('an engine error keeps the engine\'s words; a cut-short stream and a missing socket say so', async () => {
  const notFound = await fakeEngine((socket) => {
    const body = '{"message":"No such container: c1"}\n';
    socket.end(`HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
  });
  const cutShort = await fakeEngine((socket) => socket.end('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel'));
  try {
    await assert.rejects(readAll(notFound.socketPath), (error: unknown) => {
      assert.equal(engineMessage(error), 'No such container: c1');
      assert.equal((error as { statusCode?: number }).statusCode, 404);
      return true;
    });
    await assert.rejects(readAll(cutShort.socketPath), (error: unknown) => {
      assert.match(describeEngineError(error), /closed the connection: it may be stopping or restarting/);
      return true;
    });
    await assert.rejects(readAll(path.join(dir, 'nothing.sock')), (error: unknown) => {
      assert.match(describeEngineError(error), /^No Docker Engine socket at .*nothing\.sock: Docker is not installed or not running\.$/);
      return true;
    });
  } finally {
    notFound.close();
    cutShort.close();
  }
});

test('aborting ends a stream that never finishes, quietly', async () => {
  const engine = await fakeEngine((socket) => socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n'));
  const controller = new AbortController();
  try {
    const parts: Buffer[] = [];
    // Aborted once the first bytes are in: what arrived is kept, and the read ends without an error.
    const reading = readEngineStream({ socketPath: engine.socketPath, prefix: '/v1.41', headers: {} }, '/containers/c1/logs?follow=true', (bytes, start, end) => {
      parts.push(Buffer.from(bytes.subarray(start, end)));
      setImmediate(() => controller.abort());
    }, controller.signal);
    await reading;
    assert.equal(Buffer.concat(parts).toString(), 'abc');
  } finally {
    engine.close();
  }
});

test('the head of a 2xx answer comes first, and a read stopped from inside the body is handed nothing more', async () => {
  const engine = await fakeEngine((socket) => socket.write('HTTP/1.1 200 OK\r\nX-Docker-Container-Path-Stat: e30=\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n5\r\ndefgh\r\n'));
  const controller = new AbortController();
  try {
    const seen: string[] = [];
    await readEngineStream({ socketPath: engine.socketPath, prefix: '', headers: {} }, '/containers/c1/archive?path=%2Fa', (bytes, start, end) => {
      seen.push(`body ${bytes.toString('latin1', start, end)}`);
      controller.abort();
    }, controller.signal, (head) => seen.push(`head ${head.status} ${head.headers.get('x-docker-container-path-stat')}`));
    assert.deepEqual(seen, ['head 200 e30=', 'body abc']);
  } finally {
    engine.close();
  }
});
