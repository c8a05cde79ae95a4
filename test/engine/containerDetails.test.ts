import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import Docker from 'dockerode';
import * as tar from 'tar-stream';
import { changeTree, EngineChange } from '../../src/changes/changeTree';
import { readContainerFile } from '../../src/changes/containerFile';
import { processItems, TopResult } from '../../src/processes/processList';
import { containerFsSize, exportContainer, loadImages, saveImages } from '../../src/transfer/tarTransfer';
import { ensureEngine, TEST_IMAGE, testLabels } from '../support/engine';
import { waitFor } from '../support/waitFor';

let docker: Docker;
let running: Docker.Container;
let stopped: Docker.Container;
let folder: string;
const savedTag = { repo: 'dockside-test/saved', tag: `t${process.pid}` };
const savedRef = `${savedTag.repo}:${savedTag.tag}`;

async function tarEntries(file: string): Promise<Map<string, Buffer>> {
  const entries = new Map<string, Buffer>();
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
    stream.on('end', () => {
      entries.set(header.name.replace(/^\.?\//, ''), Buffer.concat(chunks));
      next();
    });
  });
  await new Promise<void>((resolve, reject) => {
    extract.on('finish', resolve);
    extract.on('error', reject);
    fs.createReadStream(file).pipe(extract);
  });
  return entries;
}

before(async () => {
  docker = await ensureEngine();
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-details-'));
  // The test image holds /bin/busybox and its links: a link is deleted, folders are added and changed.
  const script = 'mkdir -p /srv/app; echo hello > /srv/app/new.txt; rm /bin/vi; touch /ready; sleep 300';
  running = await docker.createContainer({ Image: TEST_IMAGE, Cmd: ['sh', '-c', script], Labels: { ...testLabels }, HostConfig: { NetworkMode: 'none' } });
  await running.start();
  stopped = await docker.createContainer({ Image: TEST_IMAGE, Cmd: ['sh', '-c', 'echo from-stopped > /srv.txt'], Labels: { ...testLabels }, HostConfig: { NetworkMode: 'none' } });
  await stopped.start();
  await stopped.wait();
  await waitFor(async () => ((await running.changes()) as EngineChange[] | null) ?? [], (list) => list.some((change) => change.Path === '/ready'), 'the script to run', 20_000);
});

after(async () => {
  await running?.remove({ force: true }).catch(() => undefined);
  await stopped?.remove({ force: true }).catch(() => undefined);
  await docker?.getImage(savedRef).remove({ noprune: true }).catch(() => undefined);
  fs.rmSync(folder, { recursive: true, force: true });
});

test('top lists the container processes with their command lines', async () => {
  const items = processItems((await running.top({ ps_args: 'aux' })) as TopResult);
  assert.ok(items.some((item) => item.label.includes('sleep 300')), JSON.stringify(items));
  assert.ok(items.every((item) => /PID \d+/.test(item.description)));
});

test('changes form a tree of added, changed and deleted paths; a changed file reads from the container', async () => {
  const changes = ((await running.changes()) as EngineChange[] | null) ?? [];
  const tree = changeTree(changes);
  const find = (at: string) => {
    let nodes = tree;
    let found;
    for (const part of at.split('/').filter(Boolean)) {
      found = nodes.find((node) => node.name === part);
      assert.ok(found, `${at} in the tree`);
      nodes = found.children;
    }
    return found;
  };
  assert.equal(find('/srv/app/new.txt')?.kind, 'added');
  assert.equal(find('/srv')?.kind, 'added');
  assert.equal(find('/bin/vi')?.kind, 'deleted');
  assert.equal(find('/bin')?.kind, 'changed');
  assert.deepEqual(
    tree.map((node) => node.name),
    [...tree].sort((a, b) => Number(b.children.length > 0) - Number(a.children.length > 0) || a.name.localeCompare(b.name)).map((node) => node.name),
  );
  assert.deepEqual(await readContainerFile(docker, running.id, '/srv/app/new.txt', 1024), { kind: 'text', text: 'hello\n' });
  assert.deepEqual(await readContainerFile(docker, stopped.id, '/srv.txt', 1024), { kind: 'text', text: 'from-stopped\n' });
  assert.equal((await readContainerFile(docker, running.id, '/srv/app', 1024)).kind, 'notShown');
  assert.match(JSON.stringify(await readContainerFile(docker, running.id, '/bin/busybox', 100)), /more than the 100 shown/);
  await assert.rejects(readContainerFile(docker, running.id, '/no/such/file', 1024));
});

test('export writes the container file system to a tar file, counting bytes', async () => {
  const file = path.join(folder, 'export.tar');
  let reported = 0;
  const bytes = await exportContainer(docker, running.id, file, (count) => (reported = count));
  assert.equal(bytes, fs.statSync(file).size);
  assert.equal(reported, bytes);
  const entries = await tarEntries(file);
  assert.equal(entries.get('srv/app/new.txt')?.toString(), 'hello\n');
  assert.ok(entries.has('bin/busybox'));
  assert.ok(!entries.has('bin/vi'), 'a deleted file is not exported');
  const size = await containerFsSize(docker, running.id);
  assert.ok(size === undefined || size > 0);
});

test('a cancelled export leaves no file under the chosen name', async () => {
  const file = path.join(folder, 'cancelled.tar');
  const abort = new AbortController();
  await assert.rejects(exportContainer(docker, running.id, file, () => abort.abort(), abort.signal));
  assert.equal(fs.existsSync(file), false);
  assert.deepEqual(fs.readdirSync(folder).filter((name) => name.startsWith('cancelled')), []);
});

test('save writes an image with its tag; load brings the tag back after it was removed', async () => {
  await docker.getImage(TEST_IMAGE).tag(savedTag);
  const file = path.join(folder, 'image.tar');
  const bytes = await saveImages(docker, [savedRef], file, () => undefined);
  assert.ok(bytes > 0);
  const manifest = JSON.parse((await tarEntries(file)).get('manifest.json')?.toString() ?? '[]') as Array<{ RepoTags: string[] }>;
  assert.deepEqual(manifest[0].RepoTags, [savedRef]);
  await docker.getImage(savedRef).remove({ noprune: true });
  await assert.rejects(docker.getImage(savedRef).inspect());
  let sent = 0;
  const loaded = await loadImages(docker, file, (count) => (sent = count));
  assert.equal(sent, bytes);
  assert.ok(loaded.some((line) => line.includes(savedRef)), loaded.join('\n'));
  assert.ok((await docker.getImage(savedRef).inspect()).RepoTags?.includes(savedRef));
});

test('loading a file that is not an image archive fails with the engine words', async () => {
  const file = path.join(folder, 'not-an-image.tar');
  fs.writeFileSync(file, 'this is not a tar file');
  await assert.rejects(loadImages(docker, file, () => undefined), (error: Error) => error.message.length > 0);
});
