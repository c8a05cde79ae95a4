import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type Docker from 'dockerode';
import { ContainerArchive } from '../../src/files/containerArchive';
import { findInContainerFiles, listContainerFiles } from '../../src/files/search/containerSearch';
import type { ListedFile } from '../../src/files/search/fileList';
import { LineMatch, parseTextQuery, TextQuery } from '../../src/files/search/textSearch';
import { ensureEngine, TEST_IMAGE, testLabels } from '../support/engine';

let docker: Docker;
const created: Docker.Container[] = [];

const passwd = 'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\n';
const group = 'root:x:0:\ndaemon:x:1:\n';
// A binary file holding the text looked for: a NUL in its first bytes keeps it out of the results.
const binary = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]), Buffer.from('root:x:0:0\n')]);

function query(typed: string): TextQuery {
  const parsed = parseTextQuery(typed);
  assert.ok(typeof parsed !== 'string');
  return parsed;
}

before(async () => {
  docker = await ensureEngine();
});

after(async () => {
  await Promise.all(created.map((container) => container.remove({ force: true }).catch(() => undefined)));
});

for (const running of [true, false]) {
  describe(`searching the files of a ${running ? 'running' : 'stopped'} container`, () => {
    let archive: ContainerArchive;

    before(async () => {
      const container = await docker.createContainer({
        Image: TEST_IMAGE,
        Cmd: running ? ['sleep', '600'] : ['true'],
        Labels: { ...testLabels },
        HostConfig: { NetworkMode: 'none' },
      });
      created.push(container);
      await container.start();
      if (!running) {
        await container.wait();
      }
      assert.equal((await container.inspect()).State.Running, running);
      archive = new ContainerArchive(container);
      // The test image is busybox alone; the files searched are written through the archive API (no shell).
      const owner = { permissions: 0o644, uid: 0, gid: 0 };
      await archive.makeFolder('/etc').catch(() => undefined);
      await archive.write('/etc/passwd', Buffer.from(passwd), owner);
      await archive.write('/etc/group', Buffer.from(group), owner);
      await archive.makeFolder('/etc/ssl');
      await archive.write('/etc/ssl/cert.der', binary, owner);
    });

    test('listing /etc gives its files with their folders', async () => {
      const files: ListedFile[] = [];
      const listing = await listContainerFiles(archive, '/etc', (file) => files.push(file), { signal: new AbortController().signal });
      const paths = files.map((file) => file.path);
      for (const expected of ['passwd', 'group', 'ssl/cert.der']) {
        assert.ok(paths.includes(expected), `${expected} is listed among ${paths.join(', ')}`);
      }
      assert.ok(!paths.includes('ssl'), 'folders are not rows');
      assert.deepEqual(files.find((file) => file.path === 'ssl/cert.der'), { path: 'ssl/cert.der', name: 'cert.der', folder: 'ssl', size: binary.length });
      assert.equal(listing.end, 'done');
      assert.equal(listing.cut, false);
      assert.equal(listing.count, files.length);
    });

    test('a listing of / over a small cap is cut', async () => {
      const files: ListedFile[] = [];
      const listing = await listContainerFiles(archive, '/', (file) => files.push(file), { signal: new AbortController().signal, cap: 3 });
      assert.equal(files.length, 3);
      assert.equal(listing.cut, true);
    });

    test('closing the pick mid-listing stops the request: nothing more is reported', async () => {
      const controller = new AbortController();
      const files: ListedFile[] = [];
      const listing = await listContainerFiles(
        archive,
        '/',
        (file) => {
          files.push(file);
          controller.abort();
        },
        { signal: controller.signal },
      );
      assert.equal(listing.end, 'stopped');
      assert.equal(files.length, 1);
    });

    test('finding "root:" in /etc finds /etc/passwd and /etc/group line 1, and skips the binary file', async () => {
      const found = new Map<string, LineMatch[]>();
      const summary = await findInContainerFiles(archive, '/etc', query('root:'), (file, lines) => found.set(file.path, lines), { signal: new AbortController().signal });
      assert.deepEqual(found.get('passwd'), [{ line: 0, text: 'root:x:0:0:root:/root:/bin/sh', ranges: [[0, 5], [11, 16], [17, 22]] }]);
      assert.deepEqual(found.get('group')?.map((line) => line.line), [0]);
      assert.equal(found.has('ssl/cert.der'), false, 'the binary file is not searched');
      assert.ok(summary.skippedBinary >= 1);
      assert.equal(summary.cut, false);
    });

    test('a regular expression finds the lines of /etc/passwd whose shell is /bin/false', async () => {
      const found = new Map<string, LineMatch[]>();
      await findInContainerFiles(archive, '/etc', query('/:/bin/false$/'), (file, lines) => found.set(file.path, lines), { signal: new AbortController().signal });
      assert.deepEqual([...found.keys()], ['passwd']);
      assert.deepEqual(found.get('passwd')?.map((line) => line.line), [1]);
    });

    test('a folder that does not exist is reported as not found', async () => {
      await assert.rejects(
        listContainerFiles(archive, '/no/such/folder', () => undefined, { signal: new AbortController().signal }),
        (error: unknown) => error instanceof Error && 'kind' in error && error.kind === 'notFound',
      );
    });
  });
}
