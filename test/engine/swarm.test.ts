/**
 * The Swarm view and its actions against a real swarm: a dockerd of the test's own is made a single-node
 * swarm on loopback addresses, the test image is served by a loopback registry (so the engine resolves and
 * pulls nothing elsewhere), and a service made from it is scaled, updated, rolled back, read from and removed;
 * then the engine leaves the swarm and the network that leaving leaves behind is removed.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type Docker from 'dockerode';
import { LiveEngine } from '../../src/engine/liveEngine';
import { ExplorerModel } from '../../src/explorer/model';
import { ServiceLogsTerminal } from '../../src/logs/serviceLogsTerminal';
import { rolloutProgress } from '../../src/swarm/serviceInputs';
import { removeService, rollbackService, scaleService, setNodeAvailability, updateServiceImage } from '../../src/swarm/swarmActions';
import type { SwarmEngineSource } from '../../src/swarm/swarmEngines';
import { SwarmModel } from '../../src/swarm/swarmModel';
import type { SwarmTreeNode } from '../../src/swarm/swarmTree';
import { ensureTestImage, TEST_IMAGE, testLabels } from '../support/engine';
import { freePort } from '../support/freePort';
import { OwnDockerd } from '../support/ownDockerd';
import { OwnRegistry } from '../support/ownRegistry';
import { waitFor } from '../support/waitFor';

const unavailable = OwnDockerd.available() ?? OwnRegistry.available();
let dockerd: OwnDockerd | undefined;
let registry: OwnRegistry | undefined;
let live: LiveEngine | undefined;
let swarm: SwarmModel | undefined;
let logs: ServiceLogsTerminal | undefined;

after(async () => {
  logs?.close();
  swarm?.dispose();
  live?.dispose();
  const docker = dockerd?.client();
  if (docker) {
    // Exactly what the test made: its labelled services, the swarm, and the bridge network leaving left.
    const services = await docker.listServices({ filters: { label: ['dockside.test=1'] } }).catch(() => []);
    await Promise.all(services.map((service) => docker.getService(service.ID).remove().catch(() => undefined)));
    await docker.swarmLeave({ force: true }).catch(() => undefined);
    await docker.getNetwork('docker_gwbridge').remove().catch(() => undefined);
  }
  await dockerd?.dispose();
  await registry?.stop();
});

const labelsOf = (nodes: SwarmTreeNode[] | undefined) => (nodes ?? []).map((node) => `${node.label}: ${node.description ?? ''}`);
const group = (model: SwarmModel, name: string) => model.roots().find((node) => node.label === name)?.children;
const service = (model: SwarmModel, name: string) => group(model, 'Services')?.find((node) => node.label === name);
const runningTasks = (node: SwarmTreeNode | undefined) => (node?.children ?? []).filter((task) => task.description?.startsWith('running'));

test('a service in the Swarm view: tasks, scale, rolling update, rollback, merged logs, remove, leave', { skip: unavailable, timeout: 300_000 }, async () => {
  dockerd = new OwnDockerd();
  await dockerd.start();
  const docker = dockerd.client();
  await ensureTestImage(docker);
  registry = await OwnRegistry.start({ mode: 'http' });
  const image1 = await registry.push(docker, TEST_IMAGE, 'dockside-test/busybox:1');
  const image2 = await registry.push(docker, TEST_IMAGE, 'dockside-test/busybox:2');

  // The model follows the engine through the explorer's own event stream.
  live = new LiveEngine(docker, new ExplorerModel(), { endpoint: dockerd.socket, contextName: 'own', volumeSizeEveryMs: Number.POSITIVE_INFINITY });
  await live.start();
  const engine = { key: dockerd.socket, label: 'own', docker, onEvent: live.onEvent };
  const source: SwarmEngineSource = { engines: () => [engine], onDidChange: () => ({ dispose: () => undefined }) };
  swarm = new SwarmModel(source, { roleCheckMs: 200 });
  await swarm.start();
  assert.deepEqual(labelsOf(swarm.roots()), ['This engine is not in a swarm.: '], 'before swarm init');

  const port = await freePort();
  await docker.swarmInit({ ListenAddr: `127.0.0.1:${port}`, AdvertiseAddr: `127.0.0.1:${port}` });
  const model = swarm;
  await waitFor(() => model.anyManager, Boolean, 'the engine to show as a swarm manager');
  const [node] = await waitFor(() => group(model, 'Nodes') ?? [], (nodes) => nodes.length === 1 && nodes[0].kind === 'swarmNode', 'the node');
  assert.match(node.description ?? '', /^manager \(leader\) · active · ready · \d+\./);

  // A 2-replica service from the loopback registry; the image is sent as is (no digest lookup).
  const created = (await docker.createService({
    Name: 'dockside-web',
    Labels: { ...testLabels, 'com.docker.stack.namespace': 'dockside' },
    TaskTemplate: {
      ContainerSpec: { Image: image1, Command: ['sh', '-c', 'trap "exit 0" TERM; while true; do echo "hello from $(hostname)"; sleep 0.5; done'], StopGracePeriod: 1_000_000_000 },
      RestartPolicy: { Condition: 'any', Delay: 100_000_000 },
    },
    Mode: { Replicated: { Replicas: 2 } },
    UpdateConfig: { Parallelism: 1, Delay: 0, Order: 'stop-first' },
  } as Docker.CreateServiceOptions)) as unknown as { id?: string; ID?: string };
  const serviceId = created.id ?? created.ID ?? '';
  assert.ok(serviceId, 'the engine answered the service id');
  let web = await waitFor(() => service(model, 'dockside-web'), (node) => runningTasks(node).length === 2 && (node?.description ?? '').startsWith('replicated 2/2'), 'two running tasks in the view', 60_000);
  assert.equal(web?.description, `replicated 2/2 · ${image1}`);
  assert.deepEqual(
    runningTasks(web).map((task) => task.label),
    ['dockside-web.1', 'dockside-web.2'],
  );
  assert.ok(runningTasks(web).every((task) => /^running · \S+$/.test(task.description ?? '')), `tasks name their node: ${labelsOf(web?.children).join('; ')}`);
  assert.deepEqual(labelsOf(group(model, 'Stacks')), ['dockside: 1 service']);

  // Merged logs: lines of both tasks, each with its task's prefix.
  const output: string[] = [];
  logs = new ServiceLogsTerminal(docker, serviceId, 'dockside-web', { tail: 'all', showTimestamps: false });
  logs.onDidWrite((text) => output.push(text));
  logs.open(undefined);
  // eslint-disable-next-line no-control-regex
  const plain = () => output.join('').replace(/\x1b\[[0-9;]*m/g, '');
  await waitFor(plain, (text) => /^dockside-web\.1 \| hello from /m.test(text) && /^dockside-web\.2 \| hello from /m.test(text), 'log lines of both tasks', 30_000);
  assert.doesNotMatch(plain(), /com\.docker\.swarm/, 'the engine details are not shown');

  // Scale to 3.
  await scaleService(docker, serviceId, 3);
  web = await waitFor(() => service(model, 'dockside-web'), (node) => runningTasks(node).length === 3 && (node?.description ?? '').startsWith('replicated 3/3'), 'three running tasks', 60_000);
  await waitFor(plain, (text) => /^dockside-web\.3 \| hello from /m.test(text), 'the new task joining the merged logs', 30_000);

  // Rolling update to another tag of the same image: progress from the tasks, then the view shows the new image.
  await updateServiceImage(docker, serviceId, image2);
  const progress: string[] = [];
  await waitFor(
    async () => {
      const [info] = await docker.listServices({ filters: { id: [serviceId] } });
      const { done, total } = rolloutProgress(info as never, (await docker.listTasks({ filters: { service: [serviceId] } })) as never, image2);
      const step = `${done}/${total}`;
      if (progress.at(-1) !== step) progress.push(step);
      return done === total;
    },
    Boolean,
    'every task on the new image',
    120_000,
  );
  assert.equal(progress.at(-1), '3/3');
  web = await waitFor(() => service(model, 'dockside-web'), (node) => node?.description === `replicated 3/3 · ${image2}` && runningTasks(node).length === 3, 'the view on the new image', 60_000);
  assert.ok((web?.children ?? []).some((task) => task.description?.startsWith('shutdown')), 'the replaced tasks show as history');
  assert.ok((web?.contextValue ?? '').includes('Rollbackable'));
  // The logs follow across the task replacements: lines from tasks that started after the update.
  const tasksAfter = (await docker.listTasks({ filters: { service: [serviceId], 'desired-state': ['running'] } })) as Array<{ Status?: { ContainerStatus?: { ContainerID?: string } } }>;
  const newHosts = tasksAfter.map((task) => task.Status?.ContainerStatus?.ContainerID?.slice(0, 12)).filter(Boolean);
  assert.equal(newHosts.length, 3);
  await waitFor(plain, (text) => newHosts.every((host) => text.includes(`hello from ${host}`)), 'lines from the updated tasks in the same terminal', 30_000);

  // Rollback goes back to the first image.
  await rollbackService(docker, serviceId);
  await waitFor(() => service(model, 'dockside-web'), (node) => node?.description === `replicated 3/3 · ${image1}` && runningTasks(node).length === 3, 'the view back on the first image', 120_000);

  // Node availability: drain and back.
  await setNodeAvailability(docker, node.id, 'drain');
  await waitFor(() => group(model, 'Nodes')?.[0]?.contextValue, (value) => value === 'swarmNode:manager:drain', 'the node drained');
  await setNodeAvailability(docker, node.id, 'active');
  await waitFor(() => group(model, 'Nodes')?.[0]?.contextValue, (value) => value === 'swarmNode:manager:active', 'the node active again');

  // Remove: the service leaves the view; the log terminal says so.
  await removeService(docker, serviceId);
  await waitFor(() => labelsOf(group(model, 'Services')), (labels) => labels.join() === 'No services.: ', 'the service gone from the view', 30_000);
  await waitFor(plain, (text) => text.includes('The service was removed.') || text.includes('End of logs.'), 'the logs terminal to end', 30_000);

  // Leave: the view says the engine is no longer in a swarm; the gateway bridge network is removed.
  await docker.swarmLeave({ force: true });
  await waitFor(() => labelsOf(model.roots()), (labels) => labels.join() === 'This engine is not in a swarm.: ', 'the view after leaving', 30_000);
  assert.equal(model.anyManager, false);
  // The gateway bridge exists once a task joined an overlay network; whatever leaving left of it goes.
  for (const network of await docker.listNetworks({ filters: { name: ['docker_gwbridge'] } })) {
    await docker.getNetwork(network.Id).remove();
  }
  const networks = await docker.listNetworks();
  assert.ok(!networks.some((network) => network.Name === 'docker_gwbridge' || network.Name === 'ingress'), `left networks: ${networks.map((network) => network.Name).join(', ')}`);
});
