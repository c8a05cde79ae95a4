import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tar from 'tar-stream';
import { containerUriParts, engineAuthority, isWithin, normaliseContainerPath, parseContainerLocation, resolveContainerPath, splitContainerPath } from '../../src/files/containerPath';
import { decodePathStat, parseRfc3339Ms, permissionsOfGoMode, typeOfGoMode } from '../../src/files/pathStat';
import { childrenOf, fileEntryHeader, listingEntry, relativeEntryPath, renamedEntry } from '../../src/files/tarEntries';
import { folderEntryNodes, locationUriText, sortEntries } from '../../src/files/tree/fileNodes';
import { formatByteSize } from '../../src/files/byteSize';

const header = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64');

test('a URI path names a container and an absolute, normalised path in it', () => {
  assert.deepEqual(parseContainerLocation('engine-1', '/abc123/etc/../etc/passwd'), { engine: 'engine-1', containerId: 'abc123', path: '/etc/passwd' });
  assert.deepEqual(parseContainerLocation('engine-1', '/abc123'), { engine: 'engine-1', containerId: 'abc123', path: '/' });
  assert.deepEqual(parseContainerLocation('engine-1', '/web-1/srv/'), { engine: 'engine-1', containerId: 'web-1', path: '/srv' });
  assert.equal(parseContainerLocation('engine-1', '/'), undefined);
  assert.equal(parseContainerLocation('', '/abc/etc'), undefined);
  assert.equal(parseContainerLocation('engine-1', '/a%2Fb/etc'), undefined);
  assert.deepEqual(containerUriParts({ engine: 'e', containerId: 'c', path: '/' }), { scheme: 'dockside-container', authority: 'e', path: '/c/' });
  assert.deepEqual(containerUriParts({ engine: 'e', containerId: 'c', path: 'etc/hosts/' }), { scheme: 'dockside-container', authority: 'e', path: '/c/etc/hosts' });
  assert.equal(normaliseContainerPath('../../x'), '/x');
  assert.deepEqual(splitContainerPath('/etc/hosts'), { parent: '/etc', name: 'hosts' });
  assert.deepEqual(splitContainerPath('/'), { parent: '/', name: '' });
  assert.equal(resolveContainerPath('/srv/app', 'config.ini'), '/srv/app/config.ini');
  assert.equal(resolveContainerPath('/srv/app', '/etc/hosts'), '/etc/hosts');
  assert.equal(resolveContainerPath('/srv/app', '../x'), '/srv/x');
  assert.equal(isWithin('/srv', '/srv/app'), true);
  assert.equal(isWithin('/srv', '/srvx'), false);
  assert.equal(isWithin('/', '/anything'), true);
  assert.match(engineAuthority('unix:///var/run/docker.sock'), /^engine-[0-9a-f]{12}$/);
  assert.notEqual(engineAuthority('unix:///var/run/docker.sock'), engineAuthority('tcp://127.0.0.1:2375'));
  assert.equal(locationUriText({ engine: 'e', containerId: 'c', path: '/a b/#x' }), 'dockside-container://e/c/a%20b/%23x');
});

test('the path stat header decodes type, permissions with special bits, nanosecond times and link targets', () => {
  assert.deepEqual(decodePathStat(header({ name: 'etc', size: 4096, mode: 2147484141, mtime: '2026-12-07T18:34:53.206976568Z', linkTarget: '' })), {
    name: 'etc',
    size: 4096,
    type: 'directory',
    permissions: 0o755,
    mtimeMs: Date.UTC(2026, 11, 7, 18, 34, 53, 206),
  });
  assert.deepEqual(decodePathStat(header({ name: 'sh', size: 12, mode: 134218239, mtime: '2026-12-07T18:34:48Z', linkTarget: '/bin/busybox' })), {
    name: 'sh',
    size: 12,
    type: 'symlink',
    permissions: 0o777,
    mtimeMs: Date.UTC(2026, 11, 7, 18, 34, 48),
    linkTarget: '/bin/busybox',
  });
  // setuid 0o4755 file: Go sets ModeSetuid (1<<23); /tmp: directory with sticky (1<<20) and 0o777.
  assert.equal(permissionsOfGoMode(2 ** 23 + 0o755), 0o4755);
  assert.equal(permissionsOfGoMode(2 ** 31 + 2 ** 20 + 0o777), 0o1777);
  assert.equal(typeOfGoMode(2 ** 31 + 2 ** 20 + 0o777), 'directory');
  assert.equal(typeOfGoMode(2 ** 26 + 2 ** 21 + 0o666), 'other');
  assert.equal(typeOfGoMode(0o644), 'file');
  assert.equal(parseRfc3339Ms('2026-01-02T03:04:05.5+01:00'), Date.UTC(2026, 0, 2, 2, 4, 5, 500));
  assert.ok(Number.isNaN(parseRfc3339Ms('yesterday')));
  assert.throws(() => decodePathStat('not base64 json'), /unreadable path stat/);
  assert.throws(() => decodePathStat(header({ name: 'x' })), /without size or mode/);
});

test('tar entries of an engine archive are read relative to its root entry', () => {
  assert.equal(relativeEntryPath('etc/', 'etc/'), '');
  assert.equal(relativeEntryPath('etc/', 'etc/ssl/certs/'), 'ssl/certs');
  assert.equal(relativeEntryPath('/', '/bin/sh'), 'bin/sh');
  assert.equal(relativeEntryPath('/', '/'), '');
  assert.equal(relativeEntryPath('hosts', 'hosts'), '');
  assert.equal(relativeEntryPath('etc/', 'etcetera/x'), undefined);
  const entries = [
    listingEntry('srv/', { name: 'srv/', type: 'directory', mode: 0o755 }),
    listingEntry('srv/', { name: 'srv/app/', type: 'directory', mode: 0o755 }),
    listingEntry('srv/', { name: 'srv/app/config.ini', type: 'file', mode: 0o100640, size: 9, uid: 1234, gid: 5678, mtime: new Date(5000) }),
    listingEntry('srv/', { name: 'srv/link', type: 'symlink', linkname: '/srv/app', mode: 0o777 }),
    listingEntry('srv/', { name: 'srv/fifo', type: 'fifo', mode: 0o644 }),
  ].filter((entry) => entry !== undefined);
  assert.deepEqual(entries[2], { path: 'app/config.ini', type: 'file', size: 9, permissions: 0o640, uid: 1234, gid: 5678, mtimeMs: 5000 });
  assert.equal(entries[3].linkTarget, '/srv/app');
  assert.deepEqual([...childrenOf(entries, '').keys()].sort(), ['app', 'fifo', 'link']);
  assert.deepEqual([...childrenOf(entries, 'app').keys()], ['config.ini']);
  assert.equal(childrenOf(entries, '').get('fifo')?.type, 'other');
  assert.equal(renamedEntry('app/', 'app/', 'copy'), 'copy/');
  assert.equal(renamedEntry('app/', 'app/sub/x', 'copy'), 'copy/sub/x');
  assert.equal(renamedEntry('config.ini', 'config.ini', 'new.ini'), 'new.ini');
});

test('a written entry carries the given mode, uid and gid, and tar-stream reads them back', async () => {
  const pack = tar.pack();
  pack.entry(fileEntryHeader('config.ini', 4, { permissions: 0o4640, uid: 1234, gid: 5678 }, new Date(7000)), Buffer.from('abcd'));
  pack.finalize();
  const extract = tar.extract();
  const seen: unknown[] = [];
  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (entry, body, next) => {
      seen.push({ name: entry.name, mode: entry.mode, uid: entry.uid, gid: entry.gid, size: entry.size, mtime: entry.mtime.getTime(), type: entry.type });
      body.on('end', () => next());
      body.resume();
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
  });
  pack.pipe(extract);
  await done;
  assert.deepEqual(seen, [{ name: 'config.ini', mode: 0o4640, uid: 1234, gid: 5678, size: 4, mtime: 7000, type: 'file' }]);
});

test('folder rows come folders first, then files, in natural order, with URIs for file icons', () => {
  const sorted = sortEntries([
    { name: 'file10.txt', type: 'file', symlink: false },
    { name: 'b', type: 'directory', symlink: false },
    { name: 'file2.txt', type: 'file', symlink: false },
    { name: 'A', type: 'directory', symlink: true },
  ]);
  assert.deepEqual(sorted.map((entry) => entry.name), ['A', 'b', 'file2.txt', 'file10.txt']);
  const nodes = folderEntryNodes({ engine: 'e', containerId: 'c1', path: '/srv' }, sorted);
  assert.deepEqual(
    nodes.map((node) => [node.label, node.contextValue, node.description, node.resource]),
    [
      ['A', 'files.folder', '→ link', { uri: 'dockside-container://e/c1/srv/A', folder: true, opens: false }],
      ['b', 'files.folder', undefined, { uri: 'dockside-container://e/c1/srv/b', folder: true, opens: false }],
      ['file2.txt', 'files.file', undefined, { uri: 'dockside-container://e/c1/srv/file2.txt', folder: false, opens: true }],
      ['file10.txt', 'files.file', undefined, { uri: 'dockside-container://e/c1/srv/file10.txt', folder: false, opens: true }],
    ],
  );
  assert.equal(nodes[2].treeId, 'files:c1:/srv/file2.txt');
});

test('sizes are written in binary units', () => {
  assert.equal(formatByteSize(1), '1 byte');
  assert.equal(formatByteSize(1023), '1023 bytes');
  assert.equal(formatByteSize(1536), '1.5 KB');
  assert.equal(formatByteSize(50 * 1024 * 1024), '50 MB');
});
