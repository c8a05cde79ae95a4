import assert from 'node:assert/strict';
import { test } from 'node:test';
import type Docker from 'dockerode';
import { ExplorerModel } from '../../src/explorer/model';
import { containerTree, formatPorts } from '../../src/explorer/present/containers';
import { relativeTime } from '../../src/explorer/present/format';
import { withPending } from '../../src/explorer/present/pending';
import { imagesInUse, imageTree, splitReference } from '../../src/explorer/present/images';
import { networkTree } from '../../src/explorer/present/networks';
import { volumeTree, volumeUsers } from '../../src/explorer/present/volumes';
import { defaultViewSettings, viewListState, viewRoots } from '../../src/explorer/views';
import { ResourceStore } from '../../src/explorer/store';

const now = Date.UTC(2026, 0, 10, 12, 0, 0);
const secondsAgo = (seconds: number) => Math.floor(now / 1000) - seconds;

function container(name: string, overrides: Partial<Docker.ContainerInfo> = {}): Docker.ContainerInfo {
  return {
    Id: `${name}-id`.padEnd(64, '0'),
    Names: [`/${name}`],
    Image: 'nginx:1.27',
    ImageID: 'sha256:nginx',
    Command: 'nginx -g daemon off;',
    Created: secondsAgo(3600),
    Ports: [],
    Labels: {},
    State: 'running',
    Status: 'Up 1 hour',
    HostConfig: { NetworkMode: 'bridge' },
    NetworkSettings: { Networks: {} },
    Mounts: [],
    ...overrides,
  };
}

const compose = (project: string) => ({ 'com.docker.compose.project': project });

const fleet = [
  container('web', { Labels: compose('shop'), Ports: [{ IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }, { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }] }),
  container('db', { Labels: compose('shop'), Image: 'postgres:16', State: 'exited', Status: 'Exited (0) 2 minutes ago', Created: secondsAgo(60) }),
  container('api', { Labels: compose('billing'), Status: 'Up 3 minutes (unhealthy)' }),
  container('adhoc', { State: 'paused', Status: 'Up 5 minutes (Paused)', Image: 'busybox' }),
  container('batch', { State: 'created', Status: 'Created', Image: 'busybox', Created: secondsAgo(10) }),
];

test('containers group by Compose project (sorted), then standalone containers', () => {
  const roots = containerTree(fleet, { groupBy: 'composeProject', sortBy: 'name', nowMs: now });
  assert.deepEqual(roots.map((node) => [node.kind, node.label]), [
    ['composeProject', 'billing'],
    ['composeProject', 'shop'],
    ['container', 'adhoc'],
    ['container', 'batch'],
  ]);
  assert.deepEqual(roots[1].children?.map((node) => node.label), ['db', 'web']);
  assert.equal(roots[1].description, '1/2 running');
  assert.equal(roots[1].id, 'shop', 'a Compose project node is identified by the project name');
});

test('label, description, icon and contextValue of a container', () => {
  const web = containerTree(fleet, { groupBy: 'none', sortBy: 'name', nowMs: now }).find((node) => node.label === 'web');
  assert.deepEqual(
    { id: web?.id, name: web?.name, description: web?.description, icon: web?.icon, contextValue: web?.contextValue },
    { id: fleet[0].Id, name: 'web', description: 'nginx:1.27 · Up 1 hour · 8080→80', icon: { id: 'vm-running', color: 'charts.green' }, contextValue: 'containerRunning' },
  );
  const tooltip = web?.tooltip?.(now) ?? '';
  assert.match(tooltip, /ID: `web-id0+`/);
  // The local time beside the age (the machine's zone), and every published port with its protocol.
  const created = new Date(now - 3600_000);
  const local = `${created.getFullYear()}-01-${String(created.getDate()).padStart(2, '0')} ${String(created.getHours()).padStart(2, '0')}:00:00`;
  assert.ok(tooltip.includes(`Created: \`${local} (1 hour ago)\``), tooltip);
  assert.match(tooltip, /Ports: `8080→80\/tcp`/);
});

const icons: Array<[string, Partial<Docker.ContainerInfo>, string, string | undefined, string]> = [
  ['running', {}, 'vm-running', 'charts.green', 'containerRunning'],
  ['healthy', { Status: 'Up 1 hour (healthy)' }, 'pass-filled', 'charts.green', 'containerRunning'],
  ['unhealthy', { Status: 'Up 1 hour (unhealthy)' }, 'warning', 'charts.red', 'containerRunning'],
  ['health starting', { Status: 'Up 2 seconds (health: starting)' }, 'loading~spin', 'charts.yellow', 'containerRunning'],
  ['paused', { State: 'paused', Status: 'Up 1 hour (Paused)' }, 'debug-pause', 'charts.yellow', 'containerPaused'],
  ['exited', { State: 'exited', Status: 'Exited (1) 1 minute ago' }, 'vm-outline', undefined, 'containerExited'],
  ['restarting', { State: 'restarting' }, 'sync~spin', 'charts.orange', 'containerRestarting'],
  ['dead', { State: 'dead' }, 'error', 'charts.red', 'containerDead'],
  ['created', { State: 'created', Status: 'Created' }, 'vm-outline', 'charts.blue', 'containerCreated'],
];

for (const [title, overrides, icon, color, contextValue] of icons) {
  test(`container icon and contextValue: ${title}`, () => {
    const [node] = containerTree([container('c', overrides)], { groupBy: 'none', sortBy: 'name', nowMs: now });
    assert.deepEqual(node.icon, color ? { id: icon, color } : { id: icon });
    assert.equal(node.contextValue, contextValue);
  });
}

test('group by state orders running first; by image groups by image; sort by created is newest first', () => {
  assert.deepEqual(
    containerTree(fleet, { groupBy: 'state', sortBy: 'name', nowMs: now }).map((node) => `${node.label}:${node.children?.length}`),
    ['running:2', 'paused:1', 'created:1', 'exited:1'],
  );
  assert.deepEqual(
    containerTree(fleet, { groupBy: 'image', sortBy: 'name', nowMs: now }).map((node) => node.label),
    ['busybox', 'nginx:1.27', 'postgres:16'],
  );
  assert.deepEqual(
    containerTree(fleet, { groupBy: 'none', sortBy: 'created', nowMs: now }).map((node) => node.label),
    ['batch', 'db', 'adhoc', 'api', 'web'],
  );
  assert.deepEqual(
    containerTree(fleet, { groupBy: 'none', sortBy: 'state', nowMs: now }).map((node) => node.label),
    ['api', 'web', 'adhoc', 'batch', 'db'],
  );
});

test('published ports are deduplicated across address families and keep a specific host address', () => {
  assert.deepEqual(
    formatPorts([
      { IP: '127.0.0.1', PrivatePort: 5432, PublicPort: 15432, Type: 'tcp' },
      { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
      { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
      { IP: '', PrivatePort: 9000, PublicPort: 0, Type: 'udp' },
    ]),
    ['8080→80/tcp', '127.0.0.1:15432→5432/tcp', '9000/udp'],
  );
});

test('relative times', () => {
  assert.equal(relativeTime(secondsAgo(0), now), 'just now');
  assert.equal(relativeTime(secondsAgo(1), now), '1 second ago');
  assert.equal(relativeTime(secondsAgo(125), now), '2 minutes ago');
  assert.equal(relativeTime(secondsAgo(3 * 86400), now), '3 days ago');
  assert.equal(relativeTime(secondsAgo(400 * 86400), now), '1 year ago');
});

function image(id: string, tags: string[] | null, overrides: Partial<Docker.ImageInfo> = {}): Docker.ImageInfo {
  return { Id: id, ParentId: '', RepoTags: tags ?? undefined, RepoDigests: [], Created: secondsAgo(7200), Size: 187_654_321, SharedSize: -1, VirtualSize: 0, Labels: {}, Containers: -1, ...overrides };
}

test('images group by repository, each tag an item named repo:tag; in-use marker; dangling behind the toggle', () => {
  const images = [
    image('sha256:nginx', ['nginx:1.27', 'nginx:latest']),
    image('sha256:reg', ['registry.local:5000/team/app:2']),
    image('sha256:dangling', ['<none>:<none>'], { Size: 1000 }),
  ];
  const inUse = imagesInUse([container('web')]);
  const hidden = imageTree(images, { showDangling: false, nowMs: now, inUse });
  assert.deepEqual(hidden.map((node) => node.label), ['nginx', 'registry.local:5000/team/app']);
  const nginx = hidden[0].children ?? [];
  assert.deepEqual(nginx.map((node) => [node.label, node.name, node.id]), [
    ['1.27', 'nginx:1.27', 'sha256:nginx'],
    ['latest', 'nginx:latest', 'sha256:nginx'],
  ]);
  assert.notEqual(nginx[0].treeId, nginx[1].treeId, 'two tags of one image are two distinct tree items');
  assert.equal(nginx[0].description, '188 MB · 2 hours ago · in use');
  assert.equal(nginx[0].contextValue, 'imageInUse');
  assert.equal(hidden[1].children?.[0].contextValue, 'image');
  const shown = imageTree(images, { showDangling: true, nowMs: now, inUse });
  assert.equal(shown.at(-1)?.label, '<none>');
  assert.deepEqual(shown.at(-1)?.children?.map((node) => [node.label, node.contextValue]), [['dangling', 'imageDangling']]);
});

test('image references split at the tag colon, not the registry port', () => {
  assert.deepEqual(splitReference('registry.local:5000/app'), { repository: 'registry.local:5000/app', tag: 'latest' });
  assert.deepEqual(splitReference('registry.local:5000/app:1.2'), { repository: 'registry.local:5000/app', tag: '1.2' });
  assert.deepEqual(splitReference('busybox'), { repository: 'busybox', tag: 'latest' });
});

test('volumes show driver, the containers using them and the size from disk usage', () => {
  const users = volumeUsers([
    container('web', { Mounts: [{ Type: 'volume', Name: 'data', Source: '', Destination: '/data', Mode: '', RW: true, Propagation: '' }] }),
    container('db', { Mounts: [{ Type: 'bind', Source: '/srv', Destination: '/srv', Mode: '', RW: true, Propagation: '' }] }),
  ]);
  const volumes = [
    { Name: 'data', Driver: 'local', Mountpoint: '/var/lib/docker/volumes/data/_data', Labels: {}, Scope: 'local' },
    { Name: 'cache', Driver: 'local', Mountpoint: '/x', Labels: {}, Scope: 'local' },
  ] as unknown as Docker.VolumeInspectInfo[];
  const nodes = volumeTree(volumes, { users, sizes: new Map([['data', 2_500_000]]) });
  assert.deepEqual(nodes.map((node) => [node.label, node.description, node.contextValue]), [
    ['cache', 'local · unused', 'volume'],
    ['data', 'local · web · 2.5 MB', 'volumeInUse'],
  ]);
});

test('networks show driver, scope and subnet; built-in networks only with the setting', () => {
  const network = (name: string, driver: string, subnet?: string, internal = false) =>
    ({ Name: name, Id: `${name}-id`, Driver: driver, Scope: 'local', Internal: internal, IPAM: { Config: subnet ? [{ Subnet: subnet }] : [] }, Containers: {}, Labels: {} }) as unknown as Docker.NetworkInspectInfo;
  const networks = [network('bridge', 'bridge', '172.17.0.0/16'), network('none', 'null'), network('host', 'host'), network('backend', 'bridge', '10.5.0.0/24', true)];
  assert.deepEqual(networkTree(networks, { showBuiltIn: false }).map((node) => [node.label, node.description]), [['backend', 'bridge · local · 10.5.0.0/24 · internal']]);
  const all = networkTree(networks, { showBuiltIn: true });
  assert.deepEqual(all.map((node) => [node.label, node.contextValue]), [
    ['backend', 'network'],
    ['bridge', 'networkBuiltIn'],
    ['host', 'networkBuiltIn'],
    ['none', 'networkBuiltIn'],
  ]);
});

test('views are empty while the engine is not connected (the welcome view shows instead)', () => {
  const model = new ExplorerModel();
  model.containers.replaceAll(fleet);
  model.setState({ kind: 'unreachable', endpoint: '/var/run/docker.sock', problem: 'notRunning', reason: 'not running' });
  assert.deepEqual(viewRoots(model, 'container', defaultViewSettings, now), []);
  model.setState({ kind: 'connected', endpoint: '/var/run/docker.sock', contextName: 'default', version: '20.10', apiVersion: '1.41' });
  assert.equal(viewRoots(model, 'container', { ...defaultViewSettings, groupBy: 'none' }, now).length, fleet.length);
});

test('group nodes never carry a contextValue that the resource menus match', () => {
  const menuPatterns = [/^container/, /^image(InUse|Dangling)?$/, /^volume/, /^network/];
  const groups = [
    ...containerTree(fleet, { groupBy: 'state', sortBy: 'name', nowMs: now }),
    ...containerTree(fleet, { groupBy: 'image', sortBy: 'name', nowMs: now }),
    ...imageTree([image('sha256:a', ['a:1']), image('sha256:b', null)], { showDangling: true, nowMs: now, inUse: new Map() }),
  ];
  for (const group of groups) {
    assert.ok(group.children, `${group.label} is a group`);
    for (const pattern of menuPatterns) {
      assert.doesNotMatch(group.contextValue, pattern);
    }
  }
});

test('names sort in natural order, case-insensitively', () => {
  const nodes = containerTree([container('web-10'), container('Web-2'), container('web-1')], { groupBy: 'none', sortBy: 'name', nowMs: now });
  assert.deepEqual(nodes.map((node) => node.label), ['web-1', 'Web-2', 'web-10']);
});

test('a view is loading until the engine is connected and its first list is in; then empty or shown', () => {
  const model = new ExplorerModel();
  const state = (view: 'container' | 'network') => viewListState(model, view, viewRoots(model, view, defaultViewSettings, now));
  assert.equal(state('container'), 'loading', 'connecting');
  model.setState({ kind: 'connected', endpoint: '/var/run/docker.sock', contextName: 'default', version: '20.10', apiVersion: '1.41' });
  assert.equal(state('container'), 'loading', 'connected, nothing listed yet: an empty tree means "not known yet"');
  model.containers.patch(new Map([[fleet[0].Id, fleet[0]]]));
  assert.equal(state('container'), 'loading', 'an event before the first list is not the list');
  model.containers.replaceAll(fleet);
  model.networks.replaceAll([]);
  assert.deepEqual([state('container'), state('network')], ['shown', 'empty']);
  model.containers.clear();
  assert.equal(state('container'), 'loading', 'forgotten: loading again');
});

test('the model remembers when it read each container, so its status can be carried forward from then', () => {
  let clock = 1_000;
  const store = new ResourceStore<Docker.ContainerInfo>((item) => item.Id, () => clock);
  store.replaceAll([fleet[0], fleet[1]]);
  clock = 5_000;
  store.patch(new Map([[fleet[1].Id, fleet[1]]]));
  assert.deepEqual([store.observedAt(fleet[0].Id), store.observedAt(fleet[1].Id)], [1_000, 5_000]);
  store.patch(new Map([[fleet[1].Id, undefined]]));
  assert.equal(store.observedAt(fleet[1].Id), undefined);
});

test("an action under way replaces a running row's clock-driven status until it ends", () => {
  const roots = containerTree(fleet, { groupBy: 'none', sortBy: 'name', nowMs: now, observedAt: () => now });
  const web = roots.find((node) => node.label === 'web');
  assert.ok(web?.describeAt, 'the running row has a status that moves with the clock');
  const [shown] = withPending([web!], (id) => (id === web!.id ? 'Stopping…' : undefined));
  assert.equal(shown.describeAt?.(now + 60_000) ?? shown.description, 'Stopping…');
  assert.equal(shown.clock, undefined, 'no clock re-renders the row back to its old status meanwhile');
});
