import assert from 'node:assert/strict';
import { test } from 'node:test';
import type Docker from 'dockerode';
import { selectedNodes } from '../../src/commands/explorer/selection';
import { composeLabels, containerTree } from '../../src/explorer/present/containers';
import { imagesInUse, imageTree } from '../../src/explorer/present/images';
import type { ExplorerNode } from '../../src/explorer/nodes';

const now = Date.UTC(2026, 0, 10, 12, 0, 0);

function member(project: string, service: string, number: number, state = 'running', extra: Partial<Docker.ContainerInfo> = {}): Docker.ContainerInfo {
  const name = `${project}-${service}-${number}`;
  return {
    Id: `${name}-id`,
    Names: [`/${name}`],
    Image: `${service}:1`,
    ImageID: `sha256:${service}`,
    Command: '',
    Created: now / 1000 - 600,
    Ports: [],
    Labels: {
      [composeLabels.project]: project,
      [composeLabels.service]: service,
      [composeLabels.containerNumber]: String(number),
      [composeLabels.configFiles]: '/src/shop/compose.yaml,/src/shop/compose.override.yaml',
      [composeLabels.workingDir]: '/src/shop',
    },
    State: state,
    Status: state === 'running' ? 'Up 10 minutes' : 'Exited (0) 2 minutes ago',
    HostConfig: { NetworkMode: 'bridge' },
    NetworkSettings: { Networks: {} },
    Mounts: [],
    ...extra,
  };
}

const tree = (containers: Docker.ContainerInfo[]) => containerTree(containers, { groupBy: 'composeProject', sortBy: 'name', nowMs: now });

const shop = [
  member('shop', 'web', 2),
  member('shop', 'web', 10),
  member('shop', 'web', 1, 'exited'),
  member('shop', 'db', 1, 'running', { Ports: [{ IP: '127.0.0.1', PrivatePort: 5432, PublicPort: 15432, Type: 'tcp' }] }),
];

test('a Compose project lists its services by name; one replica is the container row itself, named by its service', () => {
  const [project] = tree(shop);
  assert.deepEqual([project.kind, project.id, project.name, project.label], ['composeProject', 'shop', 'shop', 'shop']);
  assert.deepEqual(project.children?.map((node) => [node.kind, node.label]), [
    ['container', 'db'],
    ['composeService', 'web'],
  ]);
  const db = project.children?.[0];
  assert.deepEqual([db?.id, db?.name, db?.contextValue], ['shop-db-1-id', 'shop-db-1', 'containerRunning.composeService'], 'commands get the container, Compose commands its service');
  assert.equal(db?.description, 'shop-db-1 · Up 10 minutes · 127.0.0.1:15432→5432', "the container's name, status and ports");
});

test('several replicas sit under their service, in replica order, with the service state', () => {
  const web = tree(shop)[0].children?.[1];
  assert.deepEqual([web?.id, web?.name, web?.description, web?.contextValue], ['shop/web', 'web', '2/3 running · 3 replicas', 'composeService']);
  assert.deepEqual(web?.children?.map((node) => node.label), ['shop-web-1', 'shop-web-2', 'shop-web-10']);
  assert.equal(web?.icon.color, 'charts.yellow');
});

test("a project's state (all running, partly, stopped) shows in its description, icon and menus", () => {
  const cases: Array<[Docker.ContainerInfo[], string, string | undefined, string]> = [
    [[member('p', 'a', 1), member('p', 'b', 1)], 'all 2 running', 'charts.green', 'composeProjectRunning'],
    [[member('p', 'a', 1), member('p', 'b', 1, 'exited')], '1/2 running', 'charts.yellow', 'composeProjectPartlyRunning'],
    [[member('p', 'a', 1, 'exited'), member('p', 'b', 1, 'exited')], 'stopped', undefined, 'composeProject'],
  ];
  for (const [members, description, color, contextValue] of cases) {
    const [project] = tree(members);
    assert.deepEqual([project.description, project.icon, project.contextValue], [description, { id: 'layers', color }, contextValue]);
  }
});

test("a project's tooltip names its files, working folder and services with their state", () => {
  const tooltip = tree(shop)[0].tooltip?.(now) ?? '';
  assert.match(tooltip, /^\*\*shop\*\*/);
  assert.match(tooltip, /Working folder: `\/src\/shop`/);
  assert.match(tooltip, /Files: `\/src\/shop\/compose\.yaml`, `\/src\/shop\/compose\.override\.yaml`/);
  assert.match(tooltip, /Services: `db \(running\)`, `web \(2\/3 running\)`/);
});

test('Start/Stop/Remove on a project (or a service) act on every container under it', () => {
  const [project] = tree(shop);
  assert.deepEqual(selectedNodes('container', project, undefined).map((node) => node.name).sort(), ['shop-db-1', 'shop-web-1', 'shop-web-10', 'shop-web-2']);
  const web = project.children?.[1] as ExplorerNode;
  assert.deepEqual(selectedNodes('container', web, undefined).map((node) => node.name), ['shop-web-1', 'shop-web-2', 'shop-web-10']);
});

test('containers without a service label stay under their project by name; standalone containers follow the projects', () => {
  const loose = { ...member('shop', 'x', 1), Labels: { [composeLabels.project]: 'shop' } };
  const standalone = { ...member('none', 'y', 1), Labels: {} };
  const roots = tree([loose, standalone]);
  assert.deepEqual(roots.map((node) => [node.kind, node.label]), [['composeProject', 'shop'], ['container', 'none-y-1']]);
  assert.deepEqual(roots[0].children?.map((node) => [node.kind, node.label]), [['container', 'shop-x-1']]);
});

test('an image repository row counts its tags in words; an image tooltip names the containers using it', () => {
  const image = (id: string, tags: string[]): Docker.ImageInfo => ({ Id: id, ParentId: '', RepoTags: tags, RepoDigests: [], Created: now / 1000 - 60, Size: 1000, SharedSize: -1, VirtualSize: 0, Labels: {}, Containers: -1 });
  const roots = imageTree([image('sha256:web', ['web:1', 'web:2']), image('sha256:db', ['db:1'])], { showDangling: false, nowMs: now, inUse: imagesInUse(shop) });
  assert.deepEqual(roots.map((node) => [node.label, node.description]), [['db', '1 tag'], ['web', '2 tags']]);
  assert.match(roots[1].children?.[0].tooltip?.(now) ?? '', /Containers: `shop-web-1`, `shop-web-2`, `shop-web-10`/);
  assert.match(roots[0].children?.[0].tooltip?.(now) ?? '', /Containers: `shop-db-1`/);
});
