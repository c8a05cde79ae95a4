import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Docker from 'dockerode';
import { commitContainer, pullImage, pushImage } from '../../src/registry/registryOperations';
import { ensureEngine, TEST_IMAGE, testLabels } from '../support/engine';

let docker: Docker;
const suffix = `${process.pid}`;
const unreachable = `127.0.0.1:1/dockside-test/unreachable-${suffix}`;
const committed = `dockside-test/commit-${suffix}:1`;
const containers: Docker.Container[] = [];

before(async () => {
  docker = await ensureEngine();
});

after(async () => {
  await Promise.all(containers.map((container) => container.remove({ force: true }).catch(() => undefined)));
  for (const reference of [`${unreachable}:1`, committed]) {
    await docker.getImage(reference).remove().catch(() => undefined);
  }
});

async function imagesNamed(reference: string): Promise<number> {
  return (await docker.listImages({ filters: { reference: [reference] } })).length;
}

test('pulling from an unreachable registry fails with a clear message and leaves nothing behind', async () => {
  const result = await pullImage(docker, `${unreachable}:1`, () => undefined);
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.match(result.message, /^Could not pull 127\.0\.0\.1:1\/dockside-test\/unreachable-\d+:1: the registry at 127\.0\.0\.1:1 refused the connection/);
  assert.equal(await imagesNamed(`${unreachable}:1`), 0);
});

test('pushing to an unreachable registry fails with a clear message; the image is unchanged', async () => {
  await docker.getImage(TEST_IMAGE).tag({ repo: unreachable, tag: '1' });
  try {
    const result = await pushImage(docker, `${unreachable}:1`, () => undefined);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.match(result.message, /^Could not push 127\.0\.0\.1:1\/dockside-test\/unreachable-\d+:1: the registry at 127\.0\.0\.1:1 refused the connection/);
  } finally {
    await docker.getImage(`${unreachable}:1`).remove();
  }
  assert.equal(await imagesNamed(`${unreachable}:1`), 0);
  assert.equal(await imagesNamed(TEST_IMAGE), 1);
});

test('invalid references are refused before any engine call', async () => {
  const refused = [
    await pullImage(docker, 'Busybox:1', () => undefined),
    await pushImage(docker, 'busybox:bad tag', () => undefined),
    await commitContainer(docker, { containerId: 'does-not-matter', reference: 'a//b' }),
  ];
  assert.deepEqual(
    refused.map((result) => result.ok),
    [false, false, false],
  );
  assert.match((refused[0] as { message: string }).message, /lowercase/);
});

test('commit makes an image of the container with its changes, message and labels', async () => {
  const container = await docker.createContainer({
    Image: TEST_IMAGE,
    Cmd: ['sh', '-c', 'echo committed > /marker && echo ready && sleep 300'],
    Labels: { ...testLabels },
    HostConfig: { NetworkMode: 'none' },
  });
  containers.push(container);
  await container.start();
  const deadline = Date.now() + 10_000;
  while (!String(await container.logs({ stdout: true })).includes('ready')) {
    assert.ok(Date.now() < deadline, 'the container wrote its marker in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const result = await commitContainer(docker, { containerId: container.id, reference: committed, message: 'from the test', labels: { ...testLabels } });
  assert.equal(result.ok, true, JSON.stringify(result));
  const image = await docker.getImage(committed).inspect();
  assert.equal(image.Comment, 'from the test');
  assert.equal(image.Config.Labels?.['dockside.test'], '1');
  const check = await docker.createContainer({ Image: committed, Cmd: ['cat', '/marker'], Labels: { ...testLabels }, HostConfig: { NetworkMode: 'none' } });
  containers.push(check);
  await check.start();
  await check.wait();
  const logs = (await check.logs({ stdout: true, stderr: false })) as unknown as Buffer;
  assert.equal(logs.subarray(8).toString(), 'committed\n');
});
