import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changeSummary, changeTree } from '../../src/changes/changeTree';
import { portUrl, publishedPorts } from '../../src/ports/portAddresses';
import { mixedBindings } from './fixtures/ports/mixedBindings';
import { processItems } from '../../src/processes/processList';

test('changes become a tree under /, folders first, a listed folder once with its own kind', () => {
  const tree = changeTree([
    { Path: '/etc', Kind: 0 },
    { Path: '/etc/nginx/nginx.conf', Kind: 0 },
    { Path: '/a.txt', Kind: 1 },
    { Path: '/etc/hosts.old', Kind: 2 },
  ]);
  assert.deepEqual(
    tree.map((node) => [node.name, node.kind]),
    [
      ['etc', 'changed'],
      ['a.txt', 'added'],
    ],
  );
  const etc = tree[0];
  assert.deepEqual(
    etc.children.map((node) => [node.path, node.kind]),
    [
      ['/etc/nginx', undefined],
      ['/etc/hosts.old', 'deleted'],
    ],
  );
  assert.deepEqual(etc.children[0].children.map((node) => [node.path, node.kind]), [['/etc/nginx/nginx.conf', 'changed']]);
  assert.equal(changeSummary([{ Path: '/a', Kind: 1 }, { Path: '/b', Kind: 1 }, { Path: '/c', Kind: 2 }]), '2 added, 1 deleted');
  assert.equal(changeSummary([]), 'no changes');
  assert.deepEqual(changeTree([]), []);
});

test('processes: the command line as label, PID and user in the description, whatever the ps columns', () => {
  const aux = processItems({
    Titles: ['USER', 'PID', '%CPU', '%MEM', 'VSZ', 'RSS', 'TTY', 'STAT', 'START', 'TIME', 'COMMAND'],
    Processes: [['root', '4242', '0.0', '0.1', '1000', '200', '?', 'Ss', '18:00', '0:00', 'sleep 300']],
  });
  assert.equal(aux[0].label, 'sleep 300');
  assert.equal(aux[0].description, 'PID 4242 · USER root · %CPU 0.0 · %MEM 0.1 · TIME 0:00');
  assert.match(aux[0].detail, /STAT: Ss/);
  const plain = processItems({ Titles: ['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'], Processes: [['root', '1', '0', '0', '18:00', '?', '00:00:00', 'nginx: master']] });
  assert.equal(plain[0].label, 'nginx: master');
  assert.equal(plain[0].description, 'PID 1 · UID root · TIME 00:00:00 · STIME 18:00');
  assert.deepEqual(processItems({}), []);
});

test('published ports: one per host port, the IPv6 duplicate dropped, an address a browser can open', () => {
  const ports = publishedPorts(mixedBindings);
  assert.deepEqual(
    ports.map((port) => port.address),
    ['[::1]:5353', 'localhost:8080', '127.0.0.1:8443'],
  );
  assert.deepEqual(ports.map(portUrl), ['http://[::1]:5353/', 'http://localhost:8080/', 'https://127.0.0.1:8443/']);
  assert.deepEqual(publishedPorts(undefined), []);
});
