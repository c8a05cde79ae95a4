import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import * as tar from 'tar-stream';
import type { ContainerArchive } from '../../src/files/containerArchive';
import { findInContainerFiles, listContainerFiles } from '../../src/files/search/containerSearch';
import { Cap, listedFile, ListedFile } from '../../src/files/search/fileList';
import { LineMatch, looksBinary, matchingLines, matchRanges, parseTextQuery, previewOfLine, TextQuery } from '../../src/files/search/textSearch';

function query(typed: string): TextQuery {
  const parsed = parseTextQuery(typed);
  assert.ok(typeof parsed !== 'string', `"${typed}" is a query: ${String(parsed)}`);
  return parsed;
}

test('plain text is found in any case, with special characters taken literally', () => {
  const plain = query('Root:');
  assert.equal(plain.regex, false);
  assert.deepEqual(matchRanges('root:x:0:0:ROOT:/root', plain.pattern), [[0, 5], [11, 16]]);
  assert.deepEqual(matchRanges('a.b a+b', query('a+b').pattern), [[4, 7]]);
  assert.deepEqual(matchRanges('(x) [y]', query('[y]').pattern), [[4, 7]]);
});

test('/pattern/flags is a regular expression, matching case unless flagged i; a bad one says why', () => {
  const regex = query('/ro+t:/');
  assert.equal(regex.regex, true);
  assert.deepEqual(matchRanges('root: Root: rooot:', regex.pattern), [[0, 5], [12, 18]]);
  assert.deepEqual(matchRanges('root: Root:', query('/ROOT/i').pattern), [[0, 4], [6, 10]]);
  assert.match(String(parseTextQuery('/a(/')), /Not a regular expression/);
  assert.equal(query('/a/g').regex, false, 'a flag JavaScript has but a search has no use for makes it plain text');
  assert.equal(parseTextQuery(''), 'Type the text to find.');
  // A lone slash or one unclosed is plain text.
  assert.equal(query('/').regex, false);
  assert.equal(query('/usr/bin').regex, false);
  assert.deepEqual(matchRanges('aaa', query('/x*/').pattern), [], 'empty matches are not matches');
});

test('matching lines carry their number from 0, their text and every match; CRLF lines lose the CR', () => {
  const data = Buffer.from('root:x:0:0:root:/root:/bin/sh\r\ndaemon:x:1:1\nnobody:x:65534:65534:nobody:/:/bin/false\n');
  const lines = matchingLines(data, query('bin/').pattern, 10);
  assert.deepEqual(lines, [
    { line: 0, text: 'root:x:0:0:root:/root:/bin/sh', ranges: [[23, 27]] },
    { line: 2, text: 'nobody:x:65534:65534:nobody:/:/bin/false', ranges: [[31, 35]] },
  ]);
  assert.equal(matchingLines(data, query('bin/').pattern, 1).length, 1, 'the limit holds');
  assert.deepEqual(matchingLines(Buffer.from('héllo wörld'), query('WÖR').pattern, 5), [{ line: 0, text: 'héllo wörld', ranges: [[6, 9]] }], 'columns count characters, not bytes');
});

test('a NUL in the first 8 KB marks a file binary; one later does not', () => {
  assert.equal(looksBinary(Buffer.from('text\n')), false);
  assert.equal(looksBinary(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00])), true);
  const late = Buffer.alloc(9000, 0x61);
  late[8500] = 0;
  assert.equal(looksBinary(late), false);
  late[8000] = 0;
  assert.equal(looksBinary(late), true);
});

test('a long line is shortened around its first match, the ranges moved with it', () => {
  const text = `    ${'x'.repeat(100)}needle${'y'.repeat(300)}`;
  const match: LineMatch = { line: 3, text, ranges: [[104, 110]] };
  const preview = previewOfLine(match, 80, 10);
  assert.ok(preview.text.startsWith('…'));
  assert.ok(preview.text.endsWith('…'));
  assert.equal(preview.text.length, 82);
  const [[from, to]] = preview.ranges;
  assert.equal(preview.text.slice(from, to), 'needle');
  const short = previewOfLine({ line: 0, text: '  key = needle', ranges: [[8, 14]] });
  assert.deepEqual(short, { text: 'key = needle', ranges: [[6, 12]] }, 'leading blanks go');
});

test('a listing keeps regular files only, with their folder and name', () => {
  const base = { size: 3, permissions: 0o644, uid: 0, gid: 0, mtimeMs: 0 };
  assert.deepEqual(listedFile({ ...base, path: 'conf/app.yaml', type: 'file' }), { path: 'conf/app.yaml', name: 'app.yaml', folder: 'conf', size: 3 });
  assert.deepEqual(listedFile({ ...base, path: 'passwd', type: 'file' }), { path: 'passwd', name: 'passwd', folder: '', size: 3 });
  assert.equal(listedFile({ ...base, path: 'conf', type: 'directory' }), undefined);
  assert.equal(listedFile({ ...base, path: 'localtime', type: 'symlink', linkTarget: '/usr/share/zoneinfo/UTC' }), undefined);
  assert.equal(listedFile({ ...base, path: '', type: 'file' }), undefined, 'the archive root itself is not a row');
});

test('a cap grants what fits and remembers that something was refused', () => {
  const cap = new Cap(3);
  assert.equal(cap.take(2), 2);
  assert.equal(cap.cut, false);
  assert.equal(cap.take(2), 1);
  assert.equal(cap.cut, true);
  assert.equal(cap.full, true);
  assert.equal(cap.take(), 0);
  assert.equal(cap.count, 3);
});

interface FakeEntry {
  name: string;
  type?: 'file' | 'directory' | 'symlink';
  body?: Buffer | string;
  linkname?: string;
}

/** An archive API answering with the tar an engine sends for a folder (root entry first), and what it was asked. */
function fakeArchive(entries: FakeEntry[]) {
  const calls: { folder: string; readonly destroyed: boolean }[] = [];
  const archive = {
    async archive(folder: string, signal?: AbortSignal) {
      const pack = tar.pack();
      const out = new PassThrough();
      calls.push({
        folder,
        get destroyed() {
          return out.destroyed;
        },
      });
      signal?.addEventListener('abort', () => out.destroy());
      out.on('close', () => pack.destroy());
      (pack as unknown as NodeJS.ReadableStream).pipe(out);
      void (async () => {
        for (const entry of entries) {
          if (out.destroyed) return;
          const body = entry.body === undefined ? undefined : Buffer.from(entry.body);
          await new Promise<void>((resolve, reject) => {
            const header = { name: entry.name, type: entry.type ?? 'file', size: body?.length ?? 0, linkname: entry.linkname, mode: 0o644 };
            pack.entry(header, body ?? Buffer.alloc(0), (error) => (error ? reject(error) : resolve()));
          });
        }
        pack.finalize();
      })().catch(() => undefined);
      return out;
    },
  };
  return { archive: archive as unknown as ContainerArchive, calls };
}

const etc: FakeEntry[] = [
  { name: 'etc/', type: 'directory' },
  { name: 'etc/group', body: 'root:x:0:\ndaemon:x:1:\n' },
  { name: 'etc/passwd', body: 'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\n' },
  { name: 'etc/localtime', type: 'symlink', linkname: '/usr/share/zoneinfo/UTC' },
  { name: 'etc/ssl/', type: 'directory' },
  { name: 'etc/ssl/blob.bin', body: Buffer.concat([Buffer.from('root:'), Buffer.from([0, 1, 2])]) },
  { name: 'etc/ssl/openssl.cnf', body: '# nothing for root here\n' },
];

test('listing a folder streams its regular files from one archive request', async () => {
  const { archive, calls } = fakeArchive(etc);
  const found: ListedFile[] = [];
  const listing = await listContainerFiles(archive, '/etc', (file) => found.push(file), { signal: new AbortController().signal });
  assert.deepEqual(
    found.map((file) => file.path),
    ['group', 'passwd', 'ssl/blob.bin', 'ssl/openssl.cnf'],
  );
  assert.deepEqual(listing, { end: 'done', count: 4, cut: false });
  assert.equal(calls.length, 1);
  assert.equal(calls[0].folder, '/etc');
});

test('a listing over its cap stops the request and says it was cut', async () => {
  const many: FakeEntry[] = [{ name: 'data/', type: 'directory' }, ...Array.from({ length: 500 }, (_, index) => ({ name: `data/file-${index}`, body: 'x' }))];
  const { archive, calls } = fakeArchive(many);
  const found: ListedFile[] = [];
  const listing = await listContainerFiles(archive, '/data', (file) => found.push(file), { signal: new AbortController().signal, cap: 10 });
  assert.equal(found.length, 10);
  assert.deepEqual(listing, { end: 'done', count: 10, cut: true });
  assert.equal(calls[0].destroyed, true, 'the request is closed');
});

test('cancelling a listing ends it as stopped and closes the request', async () => {
  const many: FakeEntry[] = [{ name: 'data/', type: 'directory' }, ...Array.from({ length: 2000 }, (_, index) => ({ name: `data/file-${index}`, body: 'x'.repeat(512) }))];
  const { archive, calls } = fakeArchive(many);
  const controller = new AbortController();
  let seen = 0;
  const listing = await listContainerFiles(archive, '/data', () => ++seen === 5 && controller.abort(), { signal: controller.signal });
  assert.equal(listing.end, 'stopped');
  assert.equal(seen, 5, 'nothing is reported after the cancel');
  assert.equal(calls[0].destroyed, true);
});

test('finding text reports file and line, skips binary and large files, and counts what it searched', async () => {
  const { archive } = fakeArchive([...etc, { name: 'etc/big', body: `root:${'z'.repeat(100)}` }]);
  const found: Array<{ path: string; lines: number[] }> = [];
  const summary = await findInContainerFiles(archive, '/etc', query('root:'), (file, lines) => found.push({ path: file.path, lines: lines.map((line) => line.line) }), {
    signal: new AbortController().signal,
    maxFileSize: 100,
  });
  assert.deepEqual(found, [
    { path: 'group', lines: [0] },
    { path: 'passwd', lines: [0] },
  ]);
  assert.deepEqual(summary, { end: 'done', matches: 2, cut: false, searched: 3, skippedBinary: 1, skippedLarge: 1 });
});

test('finding text stops at its cap of lines and says it was cut', async () => {
  const many: FakeEntry[] = [{ name: 'logs/', type: 'directory' }, ...Array.from({ length: 50 }, (_, index) => ({ name: `logs/${index}.log`, body: 'error one\nerror two\n' }))];
  const { archive, calls } = fakeArchive(many);
  let lines = 0;
  const summary = await findInContainerFiles(archive, '/logs', query('error'), (_file, matched) => (lines += matched.length), { signal: new AbortController().signal, cap: 5 });
  assert.equal(lines, 5);
  assert.equal(summary.matches, 5);
  assert.equal(summary.cut, true);
  assert.ok(summary.searched < 50, `it stopped early (searched ${summary.searched})`);
  assert.equal(calls[0].destroyed, true);
});
