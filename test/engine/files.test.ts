import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Docker from 'dockerode';
import { ContainerFiles } from '../../src/files/containerFiles';
import { ContainerFileError } from '../../src/files/fileErrors';
import { downloadPath, uploadPaths } from '../../src/files/transfer';
import { ensureEngine, testLabels } from '../support/engine';
import { buildFilesImage, execOutput, FILES_IMAGE, removeFilesImage } from '../support/filesImage';

let docker: Docker;
const created: Docker.Container[] = [];
let scratch: string;
const maxSize = 1024 * 1024;

async function newContainer(running: boolean): Promise<Docker.Container> {
  const container = await docker.createContainer({ Image: FILES_IMAGE, Cmd: ['sleep', '600'], Labels: { ...testLabels }, HostConfig: { NetworkMode: 'none' } });
  created.push(container);
  if (running) {
    await container.start();
  }
  return container;
}

/** A file's contents read back without Dockside: `cat` in a running container, else a fresh `docker cp`-like GET. */
async function readBack(container: Docker.Container, running: boolean, file: string): Promise<string> {
  if (running) {
    return execOutput(docker, container.id, ['cat', file]);
  }
  const local = fs.mkdtempSync(path.join(scratch, 'readback-'));
  const tarFs = await import('tar-fs');
  const reply = await container.getArchive({ path: file });
  await new Promise<void>((resolve, reject) => {
    const extract = tarFs.extract(local);
    extract.on('finish', () => resolve());
    extract.on('error', reject);
    reply.pipe(extract as unknown as NodeJS.WritableStream);
  });
  return fs.readFileSync(path.join(local, path.basename(file)), 'utf8');
}

async function rejectsWith(promise: Promise<unknown>, kind: string, pattern?: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ContainerFileError, `expected a ContainerFileError, got ${String(error)}`);
    assert.equal(error.kind, kind, error.message);
    if (pattern) assert.match(error.message, pattern);
    return true;
  });
}

before(async () => {
  docker = await ensureEngine();
  await buildFilesImage(docker);
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-files-test-'));
});

after(async () => {
  await Promise.all(created.map((container) => container.remove({ force: true }).catch(() => undefined)));
  await removeFilesImage(docker);
  fs.rmSync(scratch, { recursive: true, force: true });
});

for (const running of [true, false]) {
  describe(`files of a ${running ? 'running' : 'stopped'} container`, () => {
    let container: Docker.Container;
    let files: ContainerFiles;

    before(async () => {
      container = await newContainer(running);
      files = new ContainerFiles(docker, container.id, () => maxSize);
    });

    test('lists / with folders, files and symlinks, and reads /etc/passwd', async () => {
      const root = await files.readDirectory('/');
      const names = root.map((entry) => entry.name).sort();
      for (const name of ['bin', 'etc', 'srv']) assert.ok(names.includes(name), `${name} in ${names.join(',')}`);
      assert.deepEqual(root.find((entry) => entry.name === 'etc'), { name: 'etc', type: 'directory', symlink: false });
      const srv = await files.readDirectory('/srv');
      assert.deepEqual(srv.find((entry) => entry.name === 'link'), { name: 'link', type: 'directory', symlink: true });
      const app = await files.readDirectory('/srv/link');
      assert.deepEqual(app.find((entry) => entry.name === 'current'), { name: 'current', type: 'file', symlink: true });
      const link = await files.stat('/srv/app/current');
      assert.equal(link.symlink, true);
      assert.equal(link.type, 'file');
      const passwd = Buffer.from(await files.readFile('/etc/passwd')).toString('utf8');
      assert.match(passwd, /^root:x:0:0:root:\/root:\/bin\/sh\napp:x:1234:5678:/);
      assert.equal(Buffer.from(await files.readFile('/srv/app/current')).toString('utf8'), 'secret=1\n');
      await rejectsWith(files.readFile('/etc'), 'isADirectory');
      await rejectsWith(files.readFile('/no/such/file'), 'notFound');
      await rejectsWith(files.readDirectory('/etc/passwd'), 'notADirectory');
    });

    test('writes a new file that the container then holds', async () => {
      await files.writeFile('/srv/new.txt', Buffer.from('written by dockside\n'), { create: true, overwrite: false });
      assert.equal(await readBack(container, running, '/srv/new.txt'), 'written by dockside\n');
      assert.equal(Buffer.from(await files.readFile('/srv/new.txt')).toString('utf8'), 'written by dockside\n');
      await rejectsWith(files.writeFile('/srv/new.txt', Buffer.from('x'), { create: true, overwrite: false }), 'exists');
      await rejectsWith(files.writeFile('/srv/missing.txt', Buffer.from('x'), { create: false, overwrite: true }), 'notFound');
      await rejectsWith(files.writeFile('/nowhere/a.txt', Buffer.from('x'), { create: true, overwrite: true }), 'notFound', /\/nowhere does not exist/);
    });

    test('replacing a file keeps its mode and owner', async () => {
      const before = await files.archiveApi.entryOf('/srv/app/config.ini');
      assert.deepEqual([before.permissions, before.uid, before.gid], [0o640, 1234, 5678]);
      await files.writeFile('/srv/app/config.ini', Buffer.from('secret=2\n'), { create: false, overwrite: true });
      const afterWrite = await files.archiveApi.entryOf('/srv/app/config.ini');
      assert.deepEqual([afterWrite.permissions, afterWrite.uid, afterWrite.gid], [0o640, 1234, 5678]);
      assert.equal(await readBack(container, running, '/srv/app/config.ini'), 'secret=2\n');
      if (running) {
        assert.equal((await execOutput(docker, container.id, ['stat', '-c', '%a %u %g', '/srv/app/config.ini'])).trim(), '640 1234 5678');
      }
    });

    test('writing through a symlink replaces its target and keeps the link', async () => {
      await files.writeFile('/srv/app/current', Buffer.from('secret=3\n'), { create: false, overwrite: true });
      assert.equal(await readBack(container, running, '/srv/app/config.ini'), 'secret=3\n');
      assert.equal((await files.stat('/srv/app/current')).symlink, true);
    });

    test('makes folders and copies files and folders, owners kept', async () => {
      await files.createDirectory('/srv/made');
      assert.equal((await files.stat('/srv/made')).type, 'directory');
      await rejectsWith(files.createDirectory('/srv/made'), 'exists');
      await files.copy('/srv/app', files, '/srv/made/app-copy', false);
      const copied = await files.archiveApi.entryOf('/srv/made/app-copy/config.ini');
      assert.deepEqual([copied.permissions, copied.uid, copied.gid], [0o640, 1234, 5678]);
      assert.equal(await readBack(container, running, '/srv/made/app-copy/config.ini'), 'secret=3\n');
      await files.copy('/etc/passwd', files, '/srv/made/passwd', false);
      assert.match(await readBack(container, running, '/srv/made/passwd'), /^root:/);
    });

    test('a file over dockside.files.maxSize is refused with the reason', async () => {
      const big = Buffer.alloc(maxSize + 1, 65);
      await rejectsWith(files.writeFile('/srv/big.bin', big, { create: true, overwrite: true }), 'noPermissions', /1 MB of the "dockside.files.maxSize" setting/);
      await rejectsWith(files.stat('/srv/big.bin'), 'notFound');
    });

    test('a file of several megabytes reads back byte for byte', async () => {
      const large = new ContainerFiles(docker, container.id, () => 16 * 1024 * 1024);
      const data = randomBytes(5 * 1024 * 1024 + 123);
      await large.writeFile('/srv/large.bin', data, { create: true, overwrite: true });
      assert.deepEqual(Buffer.from(await large.readFile('/srv/large.bin')), data);
      await rejectsWith(files.readFile('/srv/large.bin'), 'noPermissions', /over the 1 MB of the "dockside.files.maxSize" setting/);
    });

    test('uploads a folder of 100 files and downloads it back byte for byte', async () => {
      const local = path.join(scratch, `upload-${running}`, 'many');
      fs.mkdirSync(path.join(local, 'sub'), { recursive: true });
      for (let index = 0; index < 100; index++) {
        const bytes = Buffer.from(Array.from({ length: 200 + index * 37 }, (_, at) => (at * 31 + index) % 256));
        fs.writeFileSync(path.join(local, index % 10 === 0 ? 'sub' : '', `file-${index}.bin`), bytes);
      }
      fs.chmodSync(path.join(local, 'file-1.bin'), 0o755);
      await uploadPaths(files.archiveApi, [local], '/srv');
      assert.equal((await files.readDirectory('/srv/many')).length, 91);
      const uploadedEntry = await files.archiveApi.entryOf('/srv/many/file-1.bin');
      assert.deepEqual([uploadedEntry.permissions, uploadedEntry.uid], [0o755, 0]);
      const back = path.join(scratch, `download-${running}`);
      const result = await downloadPath(files.archiveApi, '/srv/many', back);
      assert.equal(result.localPath, path.join(back, 'many'));
      for (let index = 0; index < 100; index++) {
        const relative = path.join(index % 10 === 0 ? 'sub' : '', `file-${index}.bin`);
        assert.deepEqual(fs.readFileSync(path.join(back, 'many', relative)), fs.readFileSync(path.join(local, relative)), relative);
      }
      const links = await downloadPath(files.archiveApi, '/srv', path.join(scratch, `links-${running}`));
      assert.deepEqual(links.skippedLinks, ['srv/link']);
      assert.equal(fs.readlinkSync(path.join(scratch, `links-${running}`, 'srv', 'app', 'current')), 'config.ini');
    });

    test('a change made in the container shows in the stat the editor compares before saving', async () => {
      await files.writeFile('/srv/watched.txt', Buffer.from('one\n'), { create: true, overwrite: false });
      const opened = await files.stat('/srv/watched.txt');
      const other = new ContainerFiles(docker, container.id, () => maxSize);
      await new Promise((resolve) => setTimeout(resolve, 1100)); // tar times have whole seconds
      await other.writeFile('/srv/watched.txt', Buffer.from('changed elsewhere\n'), { create: false, overwrite: true });
      const now = await files.stat('/srv/watched.txt');
      assert.ok(now.mtimeMs > opened.mtimeMs && now.size !== opened.size, `${JSON.stringify(opened)} → ${JSON.stringify(now)}`);
    });

    if (running) {
      test('renames and deletes with the container\'s own rm and mv, never a shell', async () => {
        await files.writeFile('/srv/old-name.txt', Buffer.from('move me\n'), { create: true, overwrite: false });
        await files.rename('/srv/old-name.txt', '/srv/new-name.txt', false);
        assert.equal(await readBack(container, true, '/srv/new-name.txt'), 'move me\n');
        await rejectsWith(files.stat('/srv/old-name.txt'), 'notFound');
        await rejectsWith(files.rename('/srv/new-name.txt', '/etc/passwd', false), 'exists');
        await files.delete('/srv/new-name.txt');
        await rejectsWith(files.stat('/srv/new-name.txt'), 'notFound');
        await files.delete('/srv/made');
        assert.ok(!(await files.readDirectory('/srv')).some((entry) => entry.name === 'made'));
      });
    } else {
      test('rename and delete of a stopped container are refused with the reason, and nothing changes', async () => {
        await rejectsWith(files.delete('/srv/app/config.ini'), 'unavailable', /not remove them\. Start the container/);
        await rejectsWith(files.rename('/srv/app/config.ini', '/srv/app/renamed.ini', false), 'unavailable', /Start the container/);
        assert.equal((await files.stat('/srv/app/config.ini')).type, 'file');
        await rejectsWith(files.stat('/srv/app/renamed.ini'), 'notFound');
      });
    }
  });
}
