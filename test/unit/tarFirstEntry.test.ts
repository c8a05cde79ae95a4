import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { after, test } from 'node:test';
import * as tar from 'tar-stream';
import { ContainerArchive } from '../../src/files/containerArchive';
import { ContainerFileError } from '../../src/files/fileErrors';
import { PrefaultedBuffer } from '../../src/files/prefaultedBuffer';
import { TarFirstEntry, TarFormatError } from '../../src/files/tarFirstEntry';
import type { TarHeader } from '../../src/files/tarEntries';

function bytes(length: number, seed: number): Buffer {
  return Buffer.from(Array.from({ length }, (_, at) => (at * 31 + seed) % 251));
}

/** An archive packed by tar-stream (another implementation than the reader's), end blocks included. */
async function packed(entries: Array<{ header: TarHeader; data?: Buffer }>): Promise<Buffer> {
  const pack = tar.pack();
  for (const { header, data } of entries) {
    if (data) pack.entry(header, data);
    else pack.entry(header);
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack as unknown as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** One 512-byte header block written by hand, for the formats tar-stream does not write (GNU names, base-256, pax size). */
function headerBlock(fields: { name: string; flag: string; size: number | Buffer; linkname?: string; magic?: 'ustar' | 'gnu'; prefix?: string }): Buffer {
  const block = Buffer.alloc(512);
  block.write(fields.name, 0, 100, 'utf8');
  block.write('0000644\0', 100);
  block.write('0001750\0', 108);
  block.write('0001750\0', 116);
  if (Buffer.isBuffer(fields.size)) fields.size.copy(block, 124);
  else block.write(`${fields.size.toString(8).padStart(11, '0')}\0`, 124);
  block.write('14777777777\0', 136);
  block.write(fields.flag, 156);
  if (fields.linkname) block.write(fields.linkname, 157, 100, 'utf8');
  block.write(fields.magic === 'gnu' ? 'ustar  \0' : 'ustar\x0000', 257, 'latin1');
  if (fields.prefix) block.write(fields.prefix, 345, 155, 'utf8');
  block.write('        ', 148);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return block;
}

function padded(data: Buffer): Buffer {
  return Buffer.concat([data, Buffer.alloc((512 - (data.length % 512)) % 512)]);
}

function paxRecord(key: string, value: string): string {
  const text = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(text) + 1;
  while (Buffer.byteLength(`${length}${text}`) !== length) length++;
  return `${length}${text}`;
}

/** Reads `archive` cut at `cuts`, each piece inside a larger reused buffer with stale bytes around it. */
function readCut(archive: Buffer, cuts: number[]): { done: boolean; entry: ReturnType<TarFirstEntry['finish']> } {
  const reader = new TarFirstEntry();
  const scratch = Buffer.alloc(archive.length + 8);
  let from = 0;
  let done = false;
  for (const cut of [...cuts, archive.length]) {
    scratch.fill(0x55);
    archive.copy(scratch, 3, from, cut);
    done = reader.push(scratch, 3, 3 + cut - from);
    from = cut;
  }
  return { done, entry: reader.finish() };
}

/** Every way of cutting the archive in two, and in pieces of every size up to 64 bytes: the same entry each time. */
function assertReadsAtEveryCut(archive: Buffer, check: (entry: NonNullable<ReturnType<TarFirstEntry['finish']>>, how: string) => void): void {
  for (let cut = 0; cut <= archive.length; cut++) {
    const { done, entry } = readCut(archive, [cut]);
    assert.ok(done, `cut at ${cut}`);
    assert.ok(entry, `cut at ${cut}`);
    check(entry, `cut at ${cut}`);
  }
  for (let piece = 1; piece <= 64; piece++) {
    const cuts = Array.from({ length: Math.ceil(archive.length / piece) - 1 }, (_, index) => (index + 1) * piece);
    const { entry } = readCut(archive, cuts);
    assert.ok(entry, `pieces of ${piece}`);
    check(entry, `pieces of ${piece}`);
  }
}

test('a one-file archive reads to the same header and bytes however its chunks are cut', async () => {
  const data = bytes(1500, 7);
  const mtime = new Date('2026-03-04T05:06:07Z');
  const archive = await packed([
    { header: { name: 'app.conf', mode: 0o640, uid: 1000, gid: 50, mtime, type: 'file' }, data },
    { header: { name: 'other', type: 'file' }, data: bytes(10, 1) },
  ]);
  assertReadsAtEveryCut(archive, (entry, how) => {
    assert.deepEqual(Buffer.from(entry.data), data, how);
    assert.equal(entry.header.name, 'app.conf', how);
    assert.equal(entry.header.type, 'file', how);
    assert.equal(entry.header.size, 1500, how);
    assert.equal(entry.header.mode, 0o640, how);
    assert.equal(entry.header.uid, 1000, how);
    assert.equal(entry.header.gid, 50, how);
    assert.equal(entry.header.mtime?.getTime(), mtime.getTime(), how);
  });
});

test('reading stops at the end of the body: padding and later entries are neither needed nor read', async () => {
  const data = bytes(700, 3);
  const archive = await packed([{ header: { name: 'a', type: 'file' }, data }, { header: { name: 'b', type: 'file' }, data: bytes(600, 9) }]);
  const reader = new TarFirstEntry();
  assert.equal(reader.push(archive, 0, 512 + 699), false);
  assert.equal(reader.push(archive, 512 + 699, 512 + 700), true, 'complete with its last body byte, before the padding');
  assert.equal(reader.push(Buffer.from('not a tar at all, and never looked at')), true);
  assert.deepEqual(Buffer.from(reader.finish()?.data ?? []), data);
});

test('pax headers give the long path, the owner and a size the ustar field cannot hold, at every cut', () => {
  const longName = `${'deep/'.repeat(30)}${'n'.repeat(120)}.txt`;
  const data = bytes(700, 5);
  const pax = Buffer.from(paxRecord('path', longName) + paxRecord('size', '700') + paxRecord('uid', '3000000') + paxRecord('mtime', '1700000000.25') + paxRecord('comment', 'é = ok'));
  const archive = Buffer.concat([
    headerBlock({ name: 'PaxHeaders/global', flag: 'g', size: Buffer.byteLength(paxRecord('comment', 'x')) }),
    padded(Buffer.from(paxRecord('comment', 'x'))),
    headerBlock({ name: 'PaxHeaders/n', flag: 'x', size: pax.length }),
    padded(pax),
    headerBlock({ name: 'truncated-name', flag: '0', size: 0 }),
    padded(data),
    Buffer.alloc(1024),
  ]);
  assertReadsAtEveryCut(archive, (entry, how) => {
    assert.equal(entry.header.name, longName, how);
    assert.equal(entry.header.size, 700, how);
    assert.equal(entry.header.uid, 3000000, how);
    assert.equal(entry.header.mtime?.getTime(), 1700000000250, how);
    assert.deepEqual(Buffer.from(entry.data), data, how);
  });
});

test('GNU long names and link names, a ustar name prefix and a base-256 size are read', () => {
  const longName = `${'x'.repeat(150)}/link`;
  const longTarget = `/${'t'.repeat(140)}`;
  const gnu = Buffer.concat([
    headerBlock({ name: '././@LongLink', flag: 'L', size: longName.length + 1, magic: 'gnu' }),
    padded(Buffer.from(`${longName}\0`)),
    headerBlock({ name: '././@LongLink', flag: 'K', size: longTarget.length + 1, magic: 'gnu' }),
    padded(Buffer.from(`${longTarget}\0`)),
    headerBlock({ name: 'short', flag: '2', size: 0, linkname: 'short-target', magic: 'gnu', prefix: 'GNU keeps times here' }),
  ]);
  assertReadsAtEveryCut(gnu, (entry, how) => {
    assert.equal(entry.header.name, longName, how);
    assert.equal(entry.header.type, 'symlink', how);
    assert.equal(entry.header.linkname, longTarget, how);
    assert.equal(entry.data.byteLength, 0, how);
  });

  const prefixed = readCut(Buffer.concat([headerBlock({ name: 'file.txt', flag: '0', size: 3, prefix: 'usr/share/doc' }), padded(Buffer.from('abc'))]), []);
  assert.equal(prefixed.entry?.header.name, 'usr/share/doc/file.txt');

  const base256 = Buffer.alloc(12);
  base256[0] = 0x80;
  base256.writeUInt32BE(1000, 8);
  const big = readCut(Buffer.concat([headerBlock({ name: 'big', flag: '0', size: base256 }), padded(bytes(1000, 2))]), [200, 700]);
  assert.equal(big.entry?.header.size, 1000);
  assert.deepEqual(Buffer.from(big.entry?.data ?? []), bytes(1000, 2));
});

test('a folder is an entry without a body; an empty archive has no entry', async () => {
  const folder = readCut(await packed([{ header: { name: 'etc/', type: 'directory', mode: 0o755 } }]), [100]);
  assert.equal(folder.done, true);
  assert.equal(folder.entry?.header.type, 'directory');
  assert.equal(folder.entry?.data.byteLength, 0);

  assert.equal(readCut(await packed([]), [300]).entry, undefined);
  assert.equal(new TarFirstEntry().finish(), undefined);
});

test('a stream that stops inside the body, a header or a pax header is an error that says so', async () => {
  const data = bytes(1500, 1);
  const archive = await packed([{ header: { name: 'cut.bin', type: 'file' }, data }]);
  const bodyCut = new TarFirstEntry();
  assert.equal(bodyCut.push(archive.subarray(0, 512 + 1000)), false);
  assert.throws(() => bodyCut.finish(), (error: unknown) => error instanceof TarFormatError && /ended after 1000 of the 1500 bytes of cut\.bin/.test(error.message));

  const headerCut = new TarFirstEntry();
  headerCut.push(archive.subarray(0, 300));
  assert.throws(() => headerCut.finish(), /ended inside a header/);

  const paxCut = new TarFirstEntry();
  paxCut.push(Buffer.concat([headerBlock({ name: 'p', flag: 'x', size: 100 }), Buffer.from('30 path=')]));
  assert.throws(() => paxCut.finish(), /ended inside a header/);
});

test('bytes that are not a tar are refused at the first header', () => {
  const block = headerBlock({ name: 'file', flag: '0', size: 3 });
  block[0] ^= 1;
  assert.throws(() => new TarFirstEntry().push(block), (error: unknown) => error instanceof TarFormatError && /checksum/.test(error.message));
  assert.throws(() => new TarFirstEntry().push(Buffer.alloc(512, 'a')), TarFormatError);
});

test('the body goes into the buffer the allocator gives, which is told how much is filled', async () => {
  const data = bytes(5000, 4);
  const archive = await packed([{ header: { name: 'f', type: 'file' }, data }]);
  const target = Buffer.alloc(5000);
  const seen: number[] = [];
  let filled: (() => number) | undefined;
  const reader = new TarFirstEntry((size, progress) => {
    seen.push(size);
    filled = progress;
    return target;
  });
  reader.push(archive, 0, 512 + 1234);
  assert.deepEqual(seen, [5000]);
  assert.equal(filled?.(), 1234);
  reader.push(archive, 512 + 1234);
  assert.equal(filled?.(), 5000);
  assert.equal(reader.finish()?.data, target);
  assert.deepEqual(target, data);
});

test('writing ahead never touches bytes already received, and a changed size gets a fresh buffer', async () => {
  const size = 8 * 1024 * 1024;
  const prefaulted = new PrefaultedBuffer(size, 64 * 1024, 1024);
  let received = 0;
  const buffer = prefaulted.take(size, () => received);
  // Bytes arrive between the slices written ahead, as a reply's chunks do.
  const deadline = Date.now() + 10_000;
  while (prefaulted.prefaulted < size && Date.now() < deadline) {
    const next = Math.min(received + 100_000, size);
    buffer.fill(0xab, received, next);
    received = next;
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.equal(prefaulted.prefaulted, size, 'written ahead to the end');
  assert.equal(buffer.subarray(0, received).every((byte) => byte === 0xab), true, 'received bytes intact');
  prefaulted.stop();

  const changed = new PrefaultedBuffer(4096, 1024, 1024);
  assert.equal(changed.take(4000, () => 0).byteLength, 4000);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(changed.prefaulted, 0, 'no writing ahead into a buffer no one uses');
});

test('a file archive cut short by the engine is reported with the path and what is missing', async () => {
  const archive = await packed([{ header: { name: 'data.bin', type: 'file' }, data: bytes(3000, 8) }]);
  const files = new ContainerArchive({ id: 'c0ffee' } as never);
  const reply = Readable.from([archive.subarray(0, 600), archive.subarray(600, 2000)]);
  await assert.rejects(files.contents(reply, '/srv/data.bin'), (error: unknown) => {
    assert.ok(error instanceof ContainerFileError);
    assert.equal(error.kind, 'other');
    assert.match(error.message, /^\/srv\/data\.bin: The archive ended after 1488 of the 3000 bytes of data\.bin\.$/);
    return true;
  });
  assert.equal(reply.destroyed, true, 'the reply is let go');
  const whole = await files.contents(Readable.from([archive.subarray(0, 700), archive.subarray(700)]), '/srv/data.bin');
  assert.deepEqual(Buffer.from(whole.data), bytes(3000, 8));
  assert.equal(whole.entry.size, 3000);
});

/** A fake engine on a unix socket answering every `GET` of an archive with `answer(path)`, in HTTP chunks of 1000 bytes. */
async function fakeArchiveEngine(answer: (path: string) => { stat: object; archive: Buffer; cutAt?: number; hangUp?: boolean }): Promise<{ socketPath: string; requests: string[]; close(): void }> {
  const socketPath = path.join(scratch, `engine-${engines++}.sock`);
  const requests: string[] = [];
  const server = net.createServer((socket) => {
    socket.once('data', (data) => {
      const line = data.toString('latin1').split('\r\n')[0];
      requests.push(line);
      const { stat, archive, cutAt, hangUp } = answer(decodeURIComponent(/path=([^ &]*)/.exec(line)?.[1] ?? ''));
      const body = archive.subarray(0, cutAt ?? archive.length);
      const chunks: Buffer[] = [];
      for (let at = 0; at < body.length; at += 1000) {
        const piece = body.subarray(at, at + 1000);
        chunks.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n'));
      }
      const stats = Buffer.from(JSON.stringify(stat)).toString('base64');
      socket.write(`HTTP/1.1 200 OK\r\nX-Docker-Container-Path-Stat: ${stats}\r\nTransfer-Encoding: chunked\r\n\r\n`);
      socket.end(Buffer.concat([...chunks, Buffer.from(hangUp ? '' : '0\r\n\r\n')]));
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return { socketPath, requests, close: () => server.close() };
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-file-read-'));
let engines = 0;
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

test('a file is read over a plain socket: its bytes, a refused stat and a cut-short archive', async () => {
  const data = bytes(10_000, 6);
  const archive = await packed([{ header: { name: 'notes.txt', type: 'file', mode: 0o600 }, data }]);
  const fileStat = { name: 'notes.txt', size: data.length, mode: 0o600, mtime: '2026-01-02T03:04:05Z', linkTarget: '' };
  const engine = await fakeArchiveEngine((wanted) => ({ stat: fileStat, archive, cutAt: wanted === '/srv/notes.txt' ? undefined : 512 + 4000, hangUp: wanted === '/hang-up.txt' }));
  try {
    const files = new ContainerArchive({ id: 'c0ffee', modem: { socketPath: engine.socketPath, version: 'v1.41' } } as never);
    const stats: unknown[] = [];
    const read = await files.fileContents('/srv/notes.txt', (stat) => stats.push(stat) > 0);
    assert.deepEqual(Buffer.from(read?.data ?? []), data);
    assert.equal(read?.entry.permissions, 0o600);
    assert.equal(engine.requests[0], 'GET /v1.41/containers/c0ffee/archive?path=%2Fsrv%2Fnotes.txt HTTP/1.1');
    assert.deepEqual(stats, [{ name: 'notes.txt', size: 10_000, type: 'file', permissions: 0o600, mtimeMs: Date.parse('2026-01-02T03:04:05Z') }]);

    assert.equal(await files.fileContents('/srv/notes.txt', () => false), undefined, 'a stat the caller refuses reads nothing');

    await assert.rejects(files.fileContents('/cut.txt', () => true), (error: unknown) => {
      assert.ok(error instanceof ContainerFileError);
      assert.equal(error.kind, 'other');
      assert.equal(error.message, '/cut.txt: The archive ended after 4000 of the 10000 bytes of notes.txt.');
      return true;
    });
    await assert.rejects(files.fileContents('/hang-up.txt', () => true), (error: unknown) => {
      assert.ok(error instanceof ContainerFileError);
      assert.equal(error.kind, 'unavailable');
      assert.match(error.message, /closed the connection/);
      return true;
    });
  } finally {
    engine.close();
  }
});
