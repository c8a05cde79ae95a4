import assert from 'node:assert/strict';
import { test } from 'node:test';
import type Docker from 'dockerode';
import type { ExplorerNode } from '../../src/explorer/nodes';
import { localDateTime } from '../../src/explorer/present/time';
import { healthNode, probeRows } from '../../src/health/healthNodes';
import { portsNode } from '../../src/ports/portNodes';
import { mixedBindings } from './fixtures/ports/mixedBindings';
import { ContainerDetails } from '../../src/views/containerDetails';

const parent = { id: 'c0ffee', name: 'web', treeId: 'c0ffee' };

test('published ports become one row each: IPv4 and IPv6 bindings folded, the host address shown only when bound to one', () => {
  const node = portsNode(parent, mixedBindings);
  assert.ok(node);
  assert.deepEqual([node.label, node.description, node.contextValue], ['Ports', '3', 'publishedPorts']);
  assert.deepEqual(
    node.children?.map((row) => [row.label, row.description, row.contextValue]),
    [
      ['[::1]:5353 → 53/udp', undefined, 'publishedPort'],
      ['8080 → 80/tcp', 'localhost:8080', 'publishedPort'],
      ['127.0.0.1:8443 → 443/tcp', undefined, 'publishedPort'],
    ],
  );
  const [, web] = node.children ?? [];
  assert.deepEqual(web.port, { hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80, protocol: 'tcp', address: 'localhost:8080' }, 'the row carries the port the commands act on');
  assert.equal(web.kind, 'containerPort');
  assert.equal(web.id, 'c0ffee', "a port row names its container by the engine's id");
  assert.match(web.tooltip?.(0) ?? '', /Opens: `http:\/\/localhost:8080\/`/);
});

test('ports rows: ids stable across refreshes and distinct per port; none for a container that publishes nothing', () => {
  const ports = [
    { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
    { IP: '0.0.0.0', PrivatePort: 53, PublicPort: 8080, Type: 'udp' },
  ] as Docker.Port[];
  const first = portsNode(parent, ports);
  const again = portsNode(parent, [...ports].reverse());
  assert.deepEqual(
    again?.children?.map((row) => row.treeId),
    first?.children?.map((row) => row.treeId),
  );
  assert.equal(new Set(first?.children?.map((row) => row.treeId)).size, 2);
  assert.equal(first?.treeId, 'c0ffee/ports');
  assert.equal(portsNode(parent, [{ PrivatePort: 80, Type: 'tcp' }] as Docker.Port[]), undefined, 'exposed but not published');
  assert.equal(portsNode(parent, undefined), undefined);
  assert.equal(portsNode(parent, []), undefined);
});

const log = [
  { Start: '2026-01-10T12:00:00.123456789Z', End: '2026-01-10T12:00:00.2Z', ExitCode: 0, Output: 'ok\n' },
  { Start: '2026-01-10T12:00:30.5Z', End: '2026-01-10T12:00:31Z', ExitCode: 1, Output: '\n  curl: (7) Failed to connect\nsecond line [link](http://x)\n' },
  { Start: '2026-01-10T12:01:00Z', End: '2026-01-10T12:01:05Z', ExitCode: -1, Output: 'Health check exceeded timeout (5s)' },
];

test('the health log becomes rows newest first: local time, exit code and the first line of output', () => {
  const rows = probeRows({ Status: 'unhealthy', FailingStreak: 2, Log: log });
  assert.deepEqual(
    rows.map((row) => [row.time, row.exitCode, row.firstLine]),
    [
      [localDateTime(Date.parse('2026-01-10T12:01:00Z')), -1, 'Health check exceeded timeout (5s)'],
      [localDateTime(Date.parse('2026-01-10T12:00:30.5Z')), 1, 'curl: (7) Failed to connect'],
      [localDateTime(Date.parse('2026-01-10T12:00:00.123Z')), 0, 'ok'],
    ],
  );
  assert.deepEqual(probeRows(undefined), []);
  assert.deepEqual(probeRows({ Status: 'starting' }), []);
});

test('the Health row: state with the failing streak, its probes as children whose tooltips hold the whole output, made inert', () => {
  const node = healthNode(parent, 'healthy', { Status: 'unhealthy', FailingStreak: 2, Log: log });
  assert.deepEqual([node.label, node.description, node.icon, node.contextValue], ['Health', 'unhealthy · failing streak 2', { id: 'warning', color: 'charts.red' }, 'healthStatus']);
  const children = node.children ?? [];
  assert.deepEqual(
    children.map((row) => [row.description, row.icon.id, row.contextValue]),
    [
      ['exit -1 · Health check exceeded timeout (5s)', 'error', 'healthProbe'],
      ['exit 1 · curl: (7) Failed to connect', 'error', 'healthProbe'],
      ['exit 0 · ok', 'pass', 'healthProbe'],
    ],
  );
  const tooltip = children[1].tooltip?.(0) ?? '';
  const lines = tooltip.split('\n');
  assert.match(lines[0], /^\*\*Probe at .*: exit 1\*\*$/);
  assert.deepEqual(lines.slice(2), ['curl\\: \\(7\\) Failed to connect  ', 'second line \\[link\\]\\(http\\:\\/\\/x\\)'], 'every line kept, none able to add a link');
  assert.match(node.tooltip?.(0) ?? '', /^\*\*Health: unhealthy\*\* \(failing streak 2\)/);
  assert.equal(new Set(children.map((row) => row.treeId)).size, 3, 'one id per probe');
  assert.equal(children[2].treeId, 'c0ffee/health/2026-01-10T12:00:00.123456789Z', 'a probe keeps its id while newer ones arrive');
});

test('the Health row before any probe, and when the inspect answer could not be read', () => {
  const starting = healthNode(parent, 'starting', { Status: 'starting', FailingStreak: 0, Log: [] });
  assert.deepEqual([starting.description, starting.children?.map((row) => row.label)], ['starting', ['No probe has run yet.']]);
  const failed = healthNode(parent, 'healthy', undefined, 'No such container: c0ffee');
  assert.deepEqual([failed.description, failed.icon.id, failed.children?.map((row) => [row.label, row.icon.id])], ['healthy', 'pass-filled', [['No such container: c0ffee', 'warning']]]);
});

function containerRow(id: string): ExplorerNode {
  return { kind: 'container', id, name: id, treeId: id, label: id, icon: { id: 'vm-running' }, contextValue: 'containerRunning' };
}

function details(listed: Record<string, Partial<Docker.ContainerInfo>>, inspected: string[] = []) {
  const files = {
    dropMimeTypes: ['text/uri-list'],
    dragMimeTypes: [],
    expands: (node: ExplorerNode) => node.kind === 'container' || node.kind === 'containerFiles',
    children: async (node: ExplorerNode): Promise<ExplorerNode[]> => (node.kind === 'container' ? [{ ...containerRow(node.id), kind: 'containerFiles', treeId: `files:${node.id}`, label: 'Files', contextValue: 'files.root' }] : []),
  };
  return new ContainerDetails(files, {
    listed: (node) => listed[node.id] as Docker.ContainerInfo | undefined,
    health: async (node) => {
      inspected.push(node.id);
      if (node.id === 'gone') throw new Error('No such container: gone');
      return { Status: 'healthy', FailingStreak: 0, Log: [{ Start: '2026-01-10T12:00:00Z', ExitCode: 0, Output: 'fine' }] };
    },
  });
}

test('under a container: Health, Ports, Files in that order; each only when it applies; inspect read only with a health check', async () => {
  const inspected: string[] = [];
  const tree = details(
    {
      both: { Status: 'Up 2 minutes (healthy)', Ports: [{ IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }] },
      plain: { Status: 'Up 2 minutes', Ports: [{ PrivatePort: 80, Type: 'tcp' }] as Docker.Port[] },
      gone: { Status: 'Up 2 minutes (unhealthy)', Ports: [] },
    },
    inspected,
  );
  const labels = async (id: string) => (await tree.children(containerRow(id))).map((row) => `${row.label}${row.description ? ` (${row.description})` : ''}`);
  assert.deepEqual(await labels('both'), ['Health (healthy)', 'Ports (1)', 'Files']);
  assert.deepEqual(await labels('plain'), ['Files']);
  assert.deepEqual(await labels('gone'), ['Health (unhealthy)', 'Files'], 'an unreadable inspect still shows the listed state');
  assert.deepEqual(await labels('unlisted'), ['Files']);
  assert.deepEqual(inspected, ['both', 'gone']);
  assert.equal(tree.showsHealth('both'), true);
  assert.equal(tree.showsHealth('plain'), false);
});
