import assert from 'node:assert/strict';
import { test } from 'node:test';
import type Docker from 'dockerode';
import { engineViewListState, engineViewRoots, ViewEngine } from '../../src/explorer/engineRoots';
import { ExplorerModel } from '../../src/explorer/model';
import { defaultViewSettings, flattenNodes, viewRoots } from '../../src/explorer/views';
import { engineCatalog, engineKey } from '../../src/engines/catalog';
import { describeFacts, engineFacts, runtimeOf, swarmRoleOf } from '../../src/engines/engineFacts';
import { engineKeyOfArguments, runOnEngine, scopedEngineKey } from '../../src/engines/engineScope';
import type { EngineRow } from '../../src/engines/engines';
import { engineRowNodes } from '../../src/engines/present';

const now = Date.parse('2026-01-01T00:00:00Z');

function container(id: string, name: string): Docker.ContainerInfo {
  return {
    Id: id,
    Names: [`/${name}`],
    Image: 'busybox',
    ImageID: 'sha256:b',
    Command: 'sh',
    Created: now / 1000 - 60,
    Ports: [],
    Labels: {},
    State: 'running',
    Status: 'Up 1 minute',
    HostConfig: { NetworkMode: 'none' },
    NetworkSettings: { Networks: {} },
    Mounts: [],
  } as Docker.ContainerInfo;
}

function engineWith(key: string, containers: Docker.ContainerInfo[]): ViewEngine {
  const model = new ExplorerModel();
  model.containers.replaceAll(containers);
  model.setState({ kind: 'connected', endpoint: key, contextName: 'default', version: '28.2.2', apiVersion: '1.50' });
  return { key, label: key, model };
}

const settings = { ...defaultViewSettings, groupBy: 'none' as const };

test('with one engine the views show exactly what they showed before', () => {
  const only = engineWith('unix:///var/run/docker.sock', [container('a1', 'web'), container('a2', 'db')]);
  const roots = engineViewRoots([only], 'container', settings, now);
  const shape = (nodes: ReturnType<typeof viewRoots>) => nodes.map(({ treeId, label, description, contextValue, engine }) => ({ treeId, label, description, contextValue, engine }));
  assert.deepEqual(shape(roots), shape(viewRoots(only.model, 'container', settings, now)));
  assert.deepEqual(roots.map((node) => node.label).sort(), ['db', 'web']);
  assert.ok(roots.every((node) => node.engine === undefined));
  assert.equal(engineViewListState([only], 'container', roots), 'shown');
});

test('with two engines each view shows one node per engine with that engine\'s resources, carrying its key', () => {
  const local = engineWith('unix:///var/run/docker.sock', [container('a1', 'web')]);
  const remote = engineWith('tcp://127.0.0.1:2376', [container('a1', 'web'), container('b2', 'cache')]);
  const roots = engineViewRoots([local, remote], 'container', settings, now);
  assert.deepEqual(
    roots.map((node) => ({ kind: node.kind, label: node.label, description: node.description, children: node.children?.map((child) => child.label) })),
    [
      { kind: 'engine', label: 'unix:///var/run/docker.sock', description: '28.2.2', children: ['web'] },
      { kind: 'engine', label: 'tcp://127.0.0.1:2376', description: '28.2.2', children: ['cache', 'web'] },
    ],
  );
  const all = flattenNodes(roots).filter((node) => node.kind === 'container');
  assert.deepEqual(all.map((node) => node.engine), ['unix:///var/run/docker.sock', 'tcp://127.0.0.1:2376', 'tcp://127.0.0.1:2376']);
  // The same container id on two engines is two rows: tree ids stay unique.
  assert.equal(new Set(flattenNodes(roots).map((node) => node.treeId)).size, flattenNodes(roots).length);
  assert.equal(engineViewListState([local, remote], 'container', roots), 'shown');
});

test('an unreachable engine shows why under its node; a connecting one says so; the other is untouched', () => {
  const local = engineWith('unix:///var/run/docker.sock', [container('a1', 'web')]);
  const down = engineWith('tcp://127.0.0.1:2376', [container('b1', 'gone')]);
  down.model.setState({ kind: 'unreachable', endpoint: 'tcp://127.0.0.1:2376', problem: 'notRunning', reason: 'Nothing listens at tcp://127.0.0.1:2376.' });
  const fresh: ViewEngine = { key: 'ssh://root@127.0.0.1:2222', label: 'box', model: new ExplorerModel() };
  const roots = engineViewRoots([local, down, fresh], 'container', settings, now);
  assert.deepEqual(roots[0]?.children?.map((child) => child.label), ['web']);
  assert.deepEqual(roots[1]?.children?.map((child) => [child.kind, child.label]), [['message', 'Nothing listens at tcp://127.0.0.1:2376.']]);
  assert.equal(roots[1]?.contextValue, 'engine.unreachable');
  assert.deepEqual(roots[2]?.children?.map((child) => child.label), ['Loading…']);
  const empty = engineWith('unix:///run/empty.sock', []);
  empty.model.networks.replaceAll([]);
  assert.deepEqual(engineViewRoots([local, empty], 'network', settings, now)[1]?.children?.map((child) => child.label), ['No networks.']);
});

test('a command run from an item acts inside its engine\'s scope, through awaits and timers', async () => {
  assert.equal(engineKeyOfArguments([{ kind: 'container', id: 'x', engine: 'tcp://h:1' }]), 'tcp://h:1');
  assert.equal(engineKeyOfArguments([undefined, [{ kind: 'container', engine: 'tcp://h:2' }]]), 'tcp://h:2');
  assert.equal(engineKeyOfArguments([{ kind: 'container', id: 'x' }]), undefined);
  const seen = await runOnEngine('tcp://h:1', async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return scopedEngineKey();
  });
  assert.equal(seen, 'tcp://h:1');
  assert.equal(scopedEngineKey(), undefined);
});

test('runtime and swarm role come from /version Components and /info Swarm', () => {
  assert.equal(runtimeOf({ Components: [{ Name: 'Engine', Version: '28.2.2' }, { Name: 'containerd', Version: '1.7' }] } as never), 'Docker');
  assert.equal(runtimeOf({ Components: [{ Name: 'Podman Engine', Version: '4.3.1' }, { Name: 'Conmon', Version: '2' }] } as never), 'Podman');
  assert.equal(runtimeOf({} as never), 'Docker');
  assert.equal(swarmRoleOf({ Swarm: { LocalNodeState: 'active', ControlAvailable: true } }), 'manager');
  assert.equal(swarmRoleOf({ Swarm: { LocalNodeState: 'active', ControlAvailable: false } }), 'worker');
  assert.equal(swarmRoleOf({ Swarm: { LocalNodeState: 'inactive' } }), 'none');
  assert.equal(swarmRoleOf({}), 'none');
  const facts = engineFacts({ Version: '28.2.2', ApiVersion: '1.50', Os: 'linux', Arch: 'amd64', Components: [] } as never, { Swarm: { LocalNodeState: 'active', ControlAvailable: true }, Name: 'box' });
  assert.equal(describeFacts(facts), 'Docker 28.2.2 · linux/amd64 · swarm manager');
});

test('the catalog lists the default socket, contexts and setting entries; broken entries say why', () => {
  const entries = engineCatalog({
    contexts: [
      { name: 'remote', description: 'build box', host: 'tcp://127.0.0.1:2376', skipTlsVerify: false, tlsFolder: '/tls/remote' },
      { name: 'broken', description: '', host: '', skipTlsVerify: false, error: 'meta.json is not valid JSON' },
    ],
    settings: [{ name: 'box', host: 'ssh://root@127.0.0.1:2222', sshIdentity: '/keys/id' }, { name: 'nohost' }, 'junk'],
    defaultHost: 'unix:///var/run/docker.sock',
    currentContext: 'remote',
  });
  assert.deepEqual(
    entries.map((entry) => [entry.id, entry.endpoint?.host, entry.current, entry.problem !== undefined]),
    [
      ['default', 'unix:///var/run/docker.sock', false, false],
      ['context:remote', 'tcp://127.0.0.1:2376', true, false],
      ['context:broken', undefined, false, true],
      ['setting:box', 'ssh://root@127.0.0.1:2222', false, false],
      ['setting:nohost', undefined, false, true],
      ['setting:entry 3', undefined, false, true],
    ],
  );
  assert.deepEqual(entries[1]?.endpoint?.tls, { certDir: '/tls/remote', verify: true });
  assert.equal(entries[3]?.endpoint?.sshIdentity, '/keys/id');
  assert.equal(engineKey('tcp://127.0.0.1:2376/'), 'tcp://127.0.0.1:2376');
});

test('the Engines view rows say each engine\'s state and offer what applies to it', () => {
  const entries = engineCatalog({
    contexts: [{ name: 'remote', description: '', host: 'tcp://127.0.0.1:2376', skipTlsVerify: false, tlsFolder: '/tls' }],
    settings: [{ name: 'box', host: 'ssh://root@127.0.0.1:2222' }, { name: 'broken' }],
    defaultHost: 'unix:///var/run/docker.sock',
    currentContext: 'default',
  });
  const primary = engineWith('unix:///var/run/docker.sock', []);
  const down = engineWith('tcp://127.0.0.1:2376', []);
  down.model.setState({ kind: 'unreachable', endpoint: 'tcp://127.0.0.1:2376', problem: 'tls', reason: 'The TLS handshake failed.' });
  const facts = engineFacts({ Version: '4.3.1', ApiVersion: '1.41', Os: 'linux', Arch: 'amd64', Components: [{ Name: 'Podman Engine', Version: '4.3.1' }] } as never, {});
  const connected = {
    'unix:///var/run/docker.sock': { ...primary, connection: undefined as never, primary: true, facts },
    'tcp://127.0.0.1:2376': { ...down, connection: undefined as never, primary: false },
  } as Record<string, EngineRow['engine']>;
  const rows = engineRowNodes(entries.map((entry) => {
    const key = entry.endpoint ? engineKey(entry.endpoint.host) : undefined;
    return { entry, key, engine: key ? connected[key] : undefined };
  }));
  assert.deepEqual(
    rows.map((row) => [row.label, row.description, row.contextValue]),
    [
      ['default ★', 'Podman 4.3.1 · linux/amd64', 'engineRow-default-connected-primary-current'],
      ['remote', 'unreachable: The TLS handshake failed.', 'engineRow-context-connected-secondary-notCurrent'],
      ['box', 'not connected', 'engineRow-setting-disconnected-secondary-notCurrent'],
      ['broken', 'This dockside.engines entry has no usable "host" (unix:///path, tcp://host:port or ssh://user@host).', 'engineRow-setting-broken-secondary-notCurrent'],
    ],
  );
});
