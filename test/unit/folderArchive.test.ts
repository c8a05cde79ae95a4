import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import * as tar from 'tar-stream';
import { extractInto } from '../../src/files/folderExtract';
import { packLocalPaths } from '../../src/files/folderPack';
import { inBlocks } from '../../src/stream/blocks';

let scratch: string;
const umask = process.umask();

before(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-folder-archive-'));
});

after(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** A tar made of the given entries, as the engine would send it. */
function archiveOf(entries: Array<{ header: tar.Header | (Partial<tar.Header> & { name: string }); data?: Buffer }>): Readable {
  const pack = tar.pack();
  for (const { header, data } of entries) {
    if (data) pack.entry(header, data);
    else pack.entry(header);
  }
  pack.finalize();
  return Readable.from(pack as unknown as AsyncIterable<Buffer>);
}

/** The headers and bodies of a tar stream, in order. */
async function entriesOf(archive: Readable): Promise<Array<{ header: tar.Header; data: Buffer }>> {
  const extract = tar.extract();
  const entries: Array<{ header: tar.Header; data: Buffer }> = [];
  const failed = new Promise<never>((_, reject) => archive.on('error', reject));
  archive.pipe(extract as unknown as NodeJS.WritableStream);
  const reading = (async () => {
    for await (const entry of extract) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      entries.push({ header: entry.header, data: Buffer.concat(chunks) });
    }
  })();
  await Promise.race([reading, failed]);
  return entries;
}

function bytes(length: number, seed: number): Buffer {
  return Buffer.from(Array.from({ length }, (_, at) => (at * 31 + seed) % 251));
}

test('a packed folder lists folders before their contents, owned by root, with modes, links and every byte', async () => {
  const parent = path.join(scratch, 'pack');
  const folder = path.join(parent, 'app');
  fs.mkdirSync(path.join(folder, 'bin', 'empty'), { recursive: true });
  fs.writeFileSync(path.join(folder, 'config.ini'), 'secret=1\n');
  fs.chmodSync(path.join(folder, 'config.ini'), 0o640);
  fs.writeFileSync(path.join(folder, 'bin', 'run'), bytes(3000, 1));
  fs.chmodSync(path.join(folder, 'bin', 'run'), 0o755);
  const big = bytes(3 * 1024 * 1024 + 17, 2); // streamed, not read whole
  fs.writeFileSync(path.join(folder, 'big.bin'), big);
  fs.symlinkSync('config.ini', path.join(folder, 'current'));
  fs.writeFileSync(path.join(parent, 'alone.txt'), 'one file\n');
  const when = new Date('2026-03-04T05:06:07Z');
  fs.utimesSync(path.join(folder, 'config.ini'), when, when);

  const entries = await entriesOf(packLocalPaths(parent, ['app', 'alone.txt']));
  const byName = new Map(entries.map((entry) => [entry.header.name, entry]));
  assert.deepEqual([...byName.keys()].sort(), ['alone.txt', 'app', 'app/big.bin', 'app/bin', 'app/bin/empty', 'app/bin/run', 'app/config.ini', 'app/current']);
  const position = (name: string) => entries.findIndex((entry) => entry.header.name === name);
  assert.ok(position('app') < position('app/bin') && position('app/bin') < position('app/bin/run'), entries.map((entry) => entry.header.name).join(' '));
  for (const { header } of entries) {
    assert.deepEqual([header.uid, header.gid, header.uname, header.gname], [0, 0, 'root', 'root'], header.name);
  }
  assert.equal(byName.get('app')?.header.type, 'directory');
  assert.equal(byName.get('app/config.ini')?.header.mode, 0o640);
  assert.equal(byName.get('app/config.ini')?.header.mtime.getTime(), when.getTime());
  assert.equal(byName.get('app/config.ini')?.data.toString(), 'secret=1\n');
  assert.equal(byName.get('app/bin/run')?.header.mode, 0o755);
  assert.deepEqual(byName.get('app/bin/run')?.data, bytes(3000, 1));
  assert.ok(byName.get('app/big.bin')?.data.equals(big), 'the big file travels whole');
  assert.deepEqual([byName.get('app/current')?.header.type, byName.get('app/current')?.header.linkname], ['symlink', 'config.ini']);
  assert.equal(byName.get('alone.txt')?.data.toString(), 'one file\n');

  await assert.rejects(entriesOf(packLocalPaths(parent, ['missing'])), /ENOENT/);
});

test('an extracted archive holds every file with its mode less the umask, its time and its links', async () => {
  const when = new Date('2026-01-02T03:04:05Z');
  const big = bytes(2 * 1024 * 1024 + 5, 3); // written in blocks, not gathered
  const archive = archiveOf([
    { header: { name: 'srv/', type: 'directory', mode: 0o750, mtime: when } },
    { header: { name: 'srv/app/', type: 'directory', mode: 0o755, mtime: when } },
    { header: { name: 'srv/app/config.ini', type: 'file', mode: 0o640, mtime: when, uid: 1234, gid: 5678 }, data: Buffer.from('secret=1\n') },
    { header: { name: 'srv/app/tool', type: 'file', mode: 0o4755, mtime: when }, data: bytes(700, 4) },
    { header: { name: 'srv/app/big.bin', type: 'file', mode: 0o644, mtime: when }, data: big },
    { header: { name: 'srv/app/current', type: 'symlink', linkname: 'config.ini', mtime: when } },
    { header: { name: 'srv/app/same', type: 'link', linkname: 'srv/app/config.ini', mode: 0o640, mtime: when } },
    { header: { name: 'srv/loose/deep/file.txt', type: 'file', mode: 0o600, mtime: when }, data: Buffer.from('no folder entries above me\n') },
    { header: { name: 'srv/etc-link', type: 'symlink', linkname: '../../../etc' } },
    { header: { name: 'srv/absolute', type: 'symlink', linkname: '/etc/passwd' } },
  ]);
  const destination = path.join(scratch, 'extract');
  fs.mkdirSync(destination);
  const { skippedLinks } = await extractInto(archive, destination);

  assert.deepEqual(skippedLinks.sort(), [path.join('srv', 'absolute'), path.join('srv', 'etc-link')]);
  const app = path.join(destination, 'srv', 'app');
  assert.equal(fs.readFileSync(path.join(app, 'config.ini'), 'utf8'), 'secret=1\n');
  assert.equal(fs.statSync(path.join(app, 'config.ini')).mode & 0o7777, 0o640 & ~umask);
  assert.equal(fs.statSync(path.join(app, 'tool')).mode & 0o7777, 0o755 & ~umask, 'no setuid bit');
  assert.deepEqual(fs.readFileSync(path.join(app, 'tool')), bytes(700, 4));
  assert.ok(fs.readFileSync(path.join(app, 'big.bin')).equals(big), 'the big file lands whole');
  assert.equal(fs.readlinkSync(path.join(app, 'current')), 'config.ini');
  assert.equal(fs.statSync(path.join(app, 'same')).ino, fs.statSync(path.join(app, 'config.ini')).ino);
  assert.equal(fs.readFileSync(path.join(destination, 'srv', 'loose', 'deep', 'file.txt'), 'utf8'), 'no folder entries above me\n');
  assert.equal(fs.statSync(path.join(destination, 'srv', 'loose')).mode & 0o777, 0o755 & ~umask);
  assert.equal(fs.statSync(path.join(destination, 'srv')).mode & 0o777, 0o750 & ~umask);
  for (const name of ['srv', 'srv/app', 'srv/app/config.ini', 'srv/app/big.bin']) {
    assert.equal(fs.statSync(path.join(destination, name)).mtime.getTime(), when.getTime(), name);
  }
  assert.ok(!fs.existsSync(path.join(destination, 'srv', 'etc-link')) && !fs.existsSync(path.join(destination, 'srv', 'absolute')));
});

test('an extraction stays in its folder: names are confined, links are replaced rather than written through', async () => {
  const destination = path.join(scratch, 'confined');
  const outside = path.join(scratch, 'outside.txt');
  fs.mkdirSync(path.join(destination, 'srv'), { recursive: true });
  fs.writeFileSync(outside, 'untouched\n');
  fs.symlinkSync(outside, path.join(destination, 'srv', 'victim'));
  await extractInto(
    archiveOf([
      { header: { name: '../../escape.txt', type: 'file', mode: 0o644 }, data: Buffer.from('kept inside\n') },
      { header: { name: 'srv/victim', type: 'file', mode: 0o644 }, data: Buffer.from('replaced the link\n') },
    ]),
    destination,
  );
  assert.equal(fs.readFileSync(path.join(destination, 'escape.txt'), 'utf8'), 'kept inside\n');
  assert.ok(!fs.existsSync(path.join(scratch, 'escape.txt')));
  assert.equal(fs.readFileSync(outside, 'utf8'), 'untouched\n');
  assert.ok(!fs.lstatSync(path.join(destination, 'srv', 'victim')).isSymbolicLink());
  assert.equal(fs.readFileSync(path.join(destination, 'srv', 'victim'), 'utf8'), 'replaced the link\n');

  // A link inside the folder may not become the way to a path below it.
  const viaLink = path.join(scratch, 'via-link');
  fs.mkdirSync(viaLink);
  await assert.rejects(
    extractInto(
      archiveOf([
        { header: { name: 'real/', type: 'directory', mode: 0o755 } },
        { header: { name: 'alias', type: 'symlink', linkname: 'real' } },
        { header: { name: 'alias/file.txt', type: 'file', mode: 0o644 }, data: Buffer.from('x') },
      ]),
      viaLink,
    ),
    /alias is not a valid path/,
  );
  assert.ok(!fs.existsSync(path.join(viaLink, 'real', 'file.txt')));

  await assert.rejects(extractInto(archiveOf([{ header: { name: 'pipe', type: 'fifo', mode: 0o644 } }]), path.join(scratch, 'fifo')), /unsupported type for .*pipe \(fifo\)/);
});

test('a file over an existing one replaces its bytes and mode', async () => {
  const destination = path.join(scratch, 'replace');
  fs.mkdirSync(destination);
  fs.writeFileSync(path.join(destination, 'notes.txt'), 'a much longer old text that must not survive\n');
  fs.chmodSync(path.join(destination, 'notes.txt'), 0o600);
  await extractInto(archiveOf([{ header: { name: 'notes.txt', type: 'file', mode: 0o644 }, data: Buffer.from('new\n') }]), destination);
  assert.equal(fs.readFileSync(path.join(destination, 'notes.txt'), 'utf8'), 'new\n');
  assert.equal(fs.statSync(path.join(destination, 'notes.txt')).mode & 0o777, 0o644 & ~umask);
});

test('small chunks leave in blocks of at least the block size, a large chunk as it is, every byte in order', async () => {
  const small = Array.from({ length: 100 }, (_, index) => bytes(100, index));
  const large = bytes(5000, 9);
  const blocks: Buffer[] = [];
  for await (const block of inBlocks(Readable.from([...small, large, ...small.slice(0, 3)]), 1024)) blocks.push(block);
  assert.deepEqual(
    blocks.map((block) => block.byteLength),
    [1100, 1100, 1100, 1100, 1100, 1100, 1100, 1100, 1100, 100 + 5000, 300],
  );
  assert.ok(Buffer.concat(blocks).equals(Buffer.concat([...small, large, ...small.slice(0, 3)])));
  const alone: Buffer[] = [];
  for await (const block of inBlocks(Readable.from([large]), 1024)) alone.push(block);
  assert.equal(alone[0], large, 'a chunk at least the block size is not copied');
});
