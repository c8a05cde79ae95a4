import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Docker from 'dockerode';
import { LiveEngine } from '../../src/engine/liveEngine';
import { ExplorerModel } from '../../src/explorer/model';
import { defaultViewSettings, flattenNodes, viewRoots } from '../../src/explorer/views';
import { ensureEngine, TEST_IMAGE, testLabels } from '../support/engine';
import { waitFor } from '../support/waitFor';

let docker: Docker;
let model: ExplorerModel;
let live: LiveEngine;
const containers: string[] = [];
const volumes: string[] = [];
const networks: string[] = [];
const suffix = `${process.pid}-${Date.now().toString(36)}`;

before(async () => {
  docker = await ensureEngine();
  model = new ExplorerModel();
  live = new LiveEngine(docker, model, { endpoint: 'test', contextName: 'default', volumeSizeEveryMs: 200 });
  await live.start();
});

after(async () => {
  live?.dispose();
  model?.dispose();
  await Promise.all(containers.map((id) => docker.getContainer(id).remove({ force: true, v: true }).catch(() => undefined)));
  await Promise.all(volumes.map((name) => docker.getVolume(name).remove().catch(() => undefined)));
  await Promise.all(networks.map((id) => docker.getNetwork(id).remove().catch(() => undefined)));
});

function containerNode(id: string) {
  return flattenNodes(viewRoots(model, 'container', { ...defaultViewSettings, groupBy: 'none' })).find((node) => node.id === id);
}

test('the engine state is connected with the engine version', () => {
  const state = model.state;
  assert.equal(state.kind, 'connected');
  assert.ok(state.kind === 'connected' && /^\d+\./.test(state.version));
});

test('a container created, started, paused, unpaused, stopped and removed through the engine follows in the model', async () => {
  const container = await docker.createContainer({
    Image: TEST_IMAGE,
    name: `dockside-live-${suffix}`,
    Cmd: ['sleep', '300'],
    Labels: { ...testLabels },
    HostConfig: { NetworkMode: 'none' },
  });
  containers.push(container.id);
  await waitFor(() => containerNode(container.id)?.contextValue, (value) => value === 'containerCreated', 'created container in the model');
  assert.equal(containerNode(container.id)?.label, `dockside-live-${suffix}`);

  await container.start();
  await waitFor(() => containerNode(container.id)?.contextValue, (value) => value === 'containerRunning', 'running state');
  assert.equal(containerNode(container.id)?.icon.id, 'vm-running');

  await container.pause();
  await waitFor(() => containerNode(container.id)?.icon.id, (value) => value === 'debug-pause', 'paused icon');
  assert.equal(containerNode(container.id)?.contextValue, 'containerPaused');
  assert.match(containerNode(container.id)?.description ?? '', /Paused/);

  await container.unpause();
  await waitFor(() => containerNode(container.id)?.contextValue, (value) => value === 'containerRunning', 'unpaused');

  await container.stop({ t: 0 });
  await waitFor(() => containerNode(container.id)?.contextValue, (value) => value === 'containerExited', 'exited');

  await container.remove();
  await waitFor(() => containerNode(container.id), (value) => value === undefined, 'container gone from the model');
});

test('a volume and a network made through the engine appear and disappear; the image view marks the test image in use', async () => {
  const volume = { Name: `dockside-vol-${suffix}` };
  await docker.createVolume({ Name: volume.Name, Labels: { ...testLabels } });
  volumes.push(volume.Name);
  const network = await docker.createNetwork({ Name: `dockside-net-${suffix}`, Labels: { ...testLabels }, Internal: true });
  networks.push(network.id);
  const container = await docker.createContainer({
    Image: TEST_IMAGE,
    Cmd: ['true'],
    Labels: { ...testLabels },
    HostConfig: { NetworkMode: 'none', Binds: [`${volume.Name}:/data`] },
  });
  containers.push(container.id);

  const volumeNode = await waitFor(
    () => flattenNodes(viewRoots(model, 'volume', defaultViewSettings)).find((node) => node.id === volume.Name),
    (node) => node?.contextValue === 'volumeInUse',
    'volume in use',
  );
  assert.match(volumeNode?.description ?? '', /^local · /);
  const networkNode = await waitFor(
    () => flattenNodes(viewRoots(model, 'network', defaultViewSettings)).find((node) => node.id === network.id),
    (node) => node !== undefined,
    'network node',
  );
  assert.equal(networkNode?.label, `dockside-net-${suffix}`);
  assert.match(networkNode?.description ?? '', /^bridge · local · .*internal$/);
  const image = flattenNodes(viewRoots(model, 'image', defaultViewSettings)).find((node) => node.name === TEST_IMAGE);
  assert.equal(image?.contextValue, 'imageInUse');

  await docker.getContainer(container.id).remove();
  await waitFor(
    () => flattenNodes(viewRoots(model, 'volume', defaultViewSettings)).find((node) => node.id === volume.Name)?.contextValue,
    (value) => value === 'volume',
    'volume unused after its container is removed',
  );
  await docker.getVolume(volume.Name).remove();
  await docker.getNetwork(network.id).remove();
  await waitFor(() => model.volumes.has(volume.Name) || model.networks.has(network.id), (value) => !value, 'volume and network gone');
});

test("a volume's size comes from the engine's disk usage", async () => {
  const name = `dockside-sized-${suffix}`;
  await docker.createVolume({ Name: name, Labels: { ...testLabels } });
  volumes.push(name);
  const writer = await docker.createContainer({
    Image: TEST_IMAGE,
    Cmd: ['sh', '-c', 'head -c 300000 /dev/zero > /data/blob'],
    Labels: { ...testLabels },
    HostConfig: { NetworkMode: 'none', Binds: [`${name}:/data`] },
  });
  containers.push(writer.id);
  await writer.start();
  await writer.wait();
  const node = await waitFor(
    () => flattenNodes(viewRoots(model, 'volume', defaultViewSettings)).find((item) => item.id === name),
    (item) => /300 kB$/.test(item?.description ?? ''),
    'the volume size in its description',
    15_000,
  );
  assert.match(node?.tooltip?.(Date.now()) ?? '', /Size: `300 kB`/);
});
