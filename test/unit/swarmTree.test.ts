import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { formatPublishedPorts, imageWithoutDigest, serviceReplicas, swarmRoots, swarmTree, SwarmTreeNode } from '../../src/swarm/swarmTree';
import { swarmRoleOf, SwarmSnapshot } from '../../src/swarm/swarmTypes';

/** A snapshot listed from a real single-node swarm (Docker Engine 20.10, API 1.41). */
function fixture(): SwarmSnapshot {
  const read = (name: string) => JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'swarm', `${name}.json`), 'utf8')) as never;
  return { nodes: read('nodes'), services: read('services'), tasks: read('tasks'), secrets: read('secrets'), configs: read('configs') };
}

const child = (nodes: SwarmTreeNode[] | undefined, label: string) => {
  const found = nodes?.find((node) => node.label === label);
  assert.ok(found, `no "${label}" among ${nodes?.map((node) => node.label).join(', ')}`);
  return found;
};

test('the role comes from Swarm in /info: only an active node with control available is a manager', () => {
  assert.equal(swarmRoleOf({ Swarm: { LocalNodeState: 'active', ControlAvailable: true } }), 'manager');
  assert.equal(swarmRoleOf({ Swarm: { LocalNodeState: 'active', ControlAvailable: false } }), 'worker');
  assert.equal(swarmRoleOf({ Swarm: { LocalNodeState: 'inactive', ControlAvailable: false } }), 'none');
  assert.equal(swarmRoleOf({ Swarm: { LocalNodeState: 'pending', ControlAvailable: true } }), 'none');
  assert.equal(swarmRoleOf({}), 'none');
});

test('the groups show nodes, services, stacks, secrets and configs with their counts', () => {
  const roots = swarmTree(fixture(), 'local');
  assert.deepEqual(
    roots.map((node) => `${node.label} ${node.description}`),
    ['Nodes 1', 'Services 3', 'Stacks 1', 'Secrets 1', 'Configs 1'],
  );
});

test('a node shows role, leader, availability, state and engine version; its menu value encodes role and availability', () => {
  const [node] = child(swarmTree(fixture(), 'local'), 'Nodes').children ?? [];
  assert.equal(node.label, 'vm');
  assert.equal(node.description, 'manager (leader) · active · ready · 20.10.24+dfsg1');
  assert.equal(node.contextValue, 'swarmNode:manager:active');
  const drained = structuredClone(fixture());
  drained.nodes[0].Spec = { ...drained.nodes[0].Spec, Availability: 'drain', Role: 'worker' };
  drained.nodes[0].ManagerStatus = undefined;
  const [worker] = child(swarmTree(drained, 'local'), 'Nodes').children ?? [];
  assert.equal(worker.description, 'worker · drain · ready · 20.10.24+dfsg1');
  assert.equal(worker.contextValue, 'swarmNode:worker:drain');
});

test('a service shows mode, running/desired replicas, image without digest and published ports', () => {
  const services = child(swarmTree(fixture(), 'local'), 'Services').children;
  assert.deepEqual(
    services?.map((node) => `${node.label}: ${node.description}`),
    [
      'broken: replicated 0/1 · 127.0.0.1:21201/dockside-test/busybox:1',
      'shop_api: global 1/1 · 127.0.0.1:21201/dockside-test/busybox:1 · 21210→80/tcp',
      'spweb: replicated 2/2 · 127.0.0.1:21201/dockside-test/busybox:2',
    ],
  );
  // Scale is for replicated services; rollback only where the engine kept a previous spec.
  assert.deepEqual(services?.map((node) => node.contextValue), ['swarmServiceScalable', 'swarmService', 'swarmServiceScalableRollbackable']);
  assert.equal(child(services, 'broken').icon.color, 'list.warningForeground');
});

test('tasks: the current ones by slot, then the latest finished ones, with node, state and error', () => {
  const services = child(swarmTree(fixture(), 'local'), 'Services').children;
  assert.deepEqual(
    child(services, 'spweb').children?.map((node) => `${node.label}: ${node.description}`),
    ['spweb.1: running · vm', 'spweb.2: running · vm', 'spweb.1: shutdown · vm', 'spweb.2: shutdown · vm'],
  );
  const broken = child(services, 'broken').children ?? [];
  assert.deepEqual(
    broken.map((node) => `${node.label}: ${node.description}`),
    ['broken.1: ready · vm', 'broken.1: failed · vm · task: non-zero exit (3)', 'broken.1: failed · vm · task: non-zero exit (3)'],
  );
  assert.equal(broken[1].icon.id, 'error');
  // A global service's task is named after its node.
  assert.deepEqual(child(services, 'shop_api').children?.map((node) => node.label), ['shop_api.vm']);
  // Tree ids stay unique when the same task appears twice (under its service and under its stack).
  const ids = new Set<string>();
  const walk = (nodes: SwarmTreeNode[] | undefined) =>
    nodes?.forEach((node) => {
      assert.ok(!ids.has(node.treeId), `duplicate tree id ${node.treeId}`);
      ids.add(node.treeId);
      walk(node.children);
    });
  walk(swarmTree(fixture(), 'local').filter((group) => group.label !== 'Stacks'));
  walk(child(swarmTree(fixture(), 'local'), 'Stacks').children);
});

test('stacks group the services by their stack label; secrets and configs are listed by name', () => {
  const roots = swarmTree(fixture(), 'local');
  const [shop] = child(roots, 'Stacks').children ?? [];
  assert.equal(shop.label, 'shop');
  assert.deepEqual(shop.children?.map((node) => node.label), ['shop_api']);
  assert.deepEqual(child(roots, 'Secrets').children?.map((node) => node.label), ['db_password']);
  assert.deepEqual(child(roots, 'Configs').children?.map((node) => node.label), ['shop_conf']);
});

test('empty groups say so; replica counts fall back to the tasks when the engine sends no ServiceStatus', () => {
  const snapshot = fixture();
  const roots = swarmTree({ ...snapshot, secrets: [], configs: [], services: [] }, 'local');
  assert.deepEqual(child(roots, 'Secrets').children?.map((node) => node.label), ['No secrets.']);
  assert.deepEqual(child(roots, 'Stacks').children?.map((node) => node.label), ['No stacks.']);
  const spweb = snapshot.services.find((service) => service.Spec?.Name === 'spweb');
  assert.ok(spweb);
  assert.deepEqual(serviceReplicas({ ...spweb, ServiceStatus: undefined }, snapshot.tasks), { running: 2, desired: 2 });
  const broken = snapshot.services.find((service) => service.Spec?.Name === 'broken');
  assert.ok(broken);
  assert.deepEqual(serviceReplicas({ ...broken, ServiceStatus: undefined }, snapshot.tasks), { running: 0, desired: 1 });
});

test('an update in progress shows in the description and spins the icon', () => {
  const snapshot = fixture();
  const spweb = snapshot.services.find((service) => service.Spec?.Name === 'spweb');
  assert.ok(spweb);
  spweb.UpdateStatus = { State: 'rollback_started', Message: 'manually requested rollback' };
  const node = child(child(swarmTree(snapshot, 'local'), 'Services').children, 'spweb');
  assert.match(node.description ?? '', /rollback started/);
  assert.equal(node.icon.id, 'sync~spin');
});

test('images lose the digest pin; ports read published→target/protocol', () => {
  assert.equal(imageWithoutDigest(`busybox:1@sha256:${'a'.repeat(64)}`), 'busybox:1');
  assert.equal(imageWithoutDigest('127.0.0.1:5000/app:2'), '127.0.0.1:5000/app:2');
  assert.equal(formatPublishedPorts([{ PublishedPort: 8080, TargetPort: 80, Protocol: 'tcp' }, { TargetPort: 53, Protocol: 'udp' }, { PublishedPort: 53, TargetPort: 53, Protocol: 'udp', PublishMode: 'host' }]), '8080→80/tcp, 53→53/udp (host)');
});

test('one engine shows its groups at the top; several show one node per engine, each with its state', () => {
  const snapshot = fixture();
  assert.deepEqual(swarmRoots([{ key: 'a', label: 'local', role: 'manager', snapshot }]).map((node) => node.label), ['Nodes', 'Services', 'Stacks', 'Secrets', 'Configs']);
  assert.deepEqual(swarmRoots([{ key: 'a', label: 'local', role: 'none' }]).map((node) => node.label), ['This engine is not in a swarm.']);
  const roots = swarmRoots([
    { key: 'a', label: 'local', role: 'manager', snapshot },
    { key: 'b', label: 'remote', role: 'failed', reason: 'connection refused' },
  ]);
  assert.deepEqual(roots.map((node) => `${node.label}: ${node.description}`), ['local: manager · 1 nodes', 'remote: failed']);
  assert.deepEqual(roots[1].children?.map((node) => node.label), ['The swarm cannot be read: connection refused']);
  assert.ok(roots[0].children?.every((node) => node.engineKey === 'a'));
});
