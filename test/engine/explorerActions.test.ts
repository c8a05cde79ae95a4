import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Docker from 'dockerode';
import { containerActions, createNetwork, createVolume, pruneNetworks, pruneVolumes, removeContainer, removeImage, tagImage } from '../../src/engine/actions';
import { actionFailureMessage } from '../../src/engine/errors';
import { LiveEngine } from '../../src/engine/liveEngine';
import { ExplorerModel } from '../../src/explorer/model';
import type { ExplorerNode } from '../../src/explorer/nodes';
import type { ResourceKind } from '../../src/explorer/resources';
import { defaultViewSettings, flattenNodes, viewRoots } from '../../src/explorer/views';
import { ensureEngine, TEST_IMAGE, TEST_LABEL, testLabels } from '../support/engine';
import { waitFor } from '../support/waitFor';

let docker: Docker;
let model: ExplorerModel;
let live: LiveEngine;
const run = `${process.pid}-${Date.now().toString(36)}`;
const runLabels = { ...testLabels, 'dockside.run': run };
const runFilter = [`${TEST_LABEL}=1`, `dockside.run=${run}`];
const made = { containers: [] as string[], volumes: [] as string[], networks: [] as string[], tags: [] as string[] };

before(async () => {
  docker = await ensureEngine();
  model = new ExplorerModel();
  live = new LiveEngine(docker, model, { endpoint: 'test', contextName: 'default' });
  await live.start();
});

after(async () => {
  live?.dispose();
  model?.dispose();
  await Promise.all(made.containers.map((id) => docker.getContainer(id).remove({ force: true }).catch(() => undefined)));
  await Promise.all(made.volumes.map((name) => docker.getVolume(name).remove().catch(() => undefined)));
  await Promise.all(made.networks.map((id) => docker.getNetwork(id).remove().catch(() => undefined)));
  await Promise.all(made.tags.map((tag) => docker.getImage(tag).remove().catch(() => undefined)));
});

const settings = { ...defaultViewSettings, groupBy: 'none' as const, showDangling: true, showBuiltInNetworks: true };
const nodeOf = (kind: ResourceKind, test: (node: ExplorerNode) => boolean) => flattenNodes(viewRoots(model, kind, settings)).find((node) => node.kind === kind && test(node));

async function newContainer(name: string, cmd = ['sleep', '300']): Promise<string> {
  // StopTimeout 1: `sleep` as PID 1 ignores SIGTERM, so stop and restart would otherwise wait 10 s for the kill.
  const container = await docker.createContainer({ Image: TEST_IMAGE, name, Cmd: cmd, Labels: runLabels, StopTimeout: 1, HostConfig: { NetworkMode: 'none' } });
  made.containers.push(container.id);
  return container.id;
}

test('each container action leaves the container in the state its menu entry promises', async () => {
  const id = await newContainer(`dockside-actions-${run}`);
  await waitFor(() => nodeOf('container', (node) => node.id === id)?.contextValue, (value) => value === 'containerCreated', 'the created container in the tree');
  const steps: Array<[keyof typeof containerActions, string]> = [
    ['start', 'containerRunning'],
    ['pause', 'containerPaused'],
    ['unpause', 'containerRunning'],
    ['restart', 'containerRunning'],
    ['kill', 'containerExited'],
    ['start', 'containerRunning'],
    ['stop', 'containerExited'],
  ];
  for (const [verb, contextValue] of steps) {
    const before = nodeOf('container', (node) => node.id === id);
    assert.ok(before, 'the container is in the tree');
    assert.match(before.contextValue, containerActions[verb].eligible, `${verb} is offered for ${before.contextValue}`);
    await containerActions[verb].run(docker.getContainer(id));
    await waitFor(() => nodeOf('container', (node) => node.id === id)?.contextValue, (value) => value === contextValue, `${verb} → ${contextValue}`);
  }
  await removeContainer(docker, id, { removeVolumes: true });
  await waitFor(() => nodeOf('container', (node) => node.id === id), (node) => node === undefined, 'removed container gone from the tree');
});

test('tagging adds an item under its repository; removing that reference removes only that item', async () => {
  const reference = `dockside-test/tagged-${run}:v1`;
  const tagged = await tagImage(docker, (await docker.getImage(TEST_IMAGE).inspect()).Id, reference);
  made.tags.push(tagged);
  assert.equal(tagged, reference);
  const imageNode = await waitFor(() => nodeOf('image', (node) => node.name === reference), (node) => node !== undefined, 'the new tag in the Images view');
  assert.equal(imageNode?.label, 'v1');
  // Removing one tag of a multi-tag image only untags it.
  await removeImage(docker, { id: imageNode!.id, name: reference, dangling: false }, false);
  await waitFor(() => nodeOf('image', (node) => node.name === reference), (node) => node === undefined, 'the tag gone');
  assert.ok(nodeOf('image', (node) => node.name === TEST_IMAGE), 'the image keeps its other tag');
});

test('volumes and networks created through the actions appear with their attributes', async () => {
  const volume = `dockside-vol-${run}`;
  await createVolume(docker, volume, runLabels);
  made.volumes.push(volume);
  const networkId = await createNetwork(docker, { name: `dockside-net-${run}`, driver: 'bridge', subnet: '10.213.7.0/24', internal: true, labels: runLabels });
  made.networks.push(networkId);
  const volumeNode = await waitFor(() => nodeOf('volume', (node) => node.id === volume), (node) => node !== undefined, 'volume node');
  assert.equal(volumeNode?.description, 'local · unused');
  const networkNode = await waitFor(() => nodeOf('network', (node) => node.id === networkId), (node) => node !== undefined, 'network node');
  assert.equal(networkNode?.description, 'bridge · local · 10.213.7.0/24 · internal');
});

test('prune removes exactly the unused labelled volumes and networks, and keeps the used ones', async () => {
  const unusedVolume = `dockside-unused-${run}`;
  const usedVolume = `dockside-used-${run}`;
  await createVolume(docker, unusedVolume, runLabels);
  await createVolume(docker, usedVolume, runLabels);
  made.volumes.push(unusedVolume, usedVolume);
  const unusedNetwork = await createNetwork(docker, { name: `dockside-unused-${run}`, driver: 'bridge', internal: true, labels: runLabels });
  made.networks.push(unusedNetwork);
  const user = await docker.createContainer({
    Image: TEST_IMAGE,
    Cmd: ['true'],
    Labels: runLabels,
    HostConfig: { NetworkMode: 'none', Binds: [`${usedVolume}:/data`] },
  });
  made.containers.push(user.id);
  await waitFor(() => nodeOf('volume', (node) => node.id === usedVolume)?.contextValue, (value) => value === 'volumeInUse', 'used volume marked in use');

  // Removing a volume in use fails with the engine's own words, naming the volume.
  const refusal = await docker.getVolume(usedVolume).remove().then(
    () => assert.fail('the engine removed a volume in use'),
    (error: unknown) => actionFailureMessage('remove', 'volume', usedVolume, error),
  );
  assert.match(refusal, new RegExp(`^Cannot remove volume "${usedVolume}": .*volume is in use`));

  const volumes = await pruneVolumes(docker, { labels: runFilter });
  assert.ok(volumes.removed.includes(unusedVolume), `pruned ${unusedVolume}`);
  assert.ok(!volumes.removed.includes(usedVolume), 'kept the used volume');
  // The user saw the list now; a network made after that is not theirs to prune.
  const listedAt = Date.parse((await docker.getNetwork(unusedNetwork).inspect()).Created) / 1000 + 0.001;
  const afterListing = await createNetwork(docker, { name: `dockside-late-${run}`, driver: 'bridge', internal: true, labels: runLabels });
  made.networks.push(afterListing);
  const networks = await pruneNetworks(docker, { labels: runFilter, until: listedAt });
  assert.ok(!networks.removed.includes(`dockside-late-${run}`), 'a network created after the listing is kept');
  assert.ok(networks.removed.includes(`dockside-unused-${run}`));
  for (const name of [...volumes.removed, ...networks.removed]) {
    assert.ok(name.endsWith(run), `only this run's resources were pruned, not ${name}`);
  }
  await waitFor(() => model.volumes.has(unusedVolume) || model.networks.has(unusedNetwork), (present) => !present, 'pruned resources gone from the model');
  assert.ok(model.volumes.has(usedVolume));
});
