import assert from 'node:assert/strict';
import { test } from 'node:test';
import type Docker from 'dockerode';
import { containerNameClash, networkNameClash, volumeNameClash } from '../../src/commands/nameClash';
import { ExplorerModel } from '../../src/explorer/model';
import { defaultViewSettings, viewRoots } from '../../src/explorer/views';

function model(): ExplorerModel {
  const explorer = new ExplorerModel();
  explorer.containers.replaceAll([{ Id: 'c1', Names: ['/ux-logger'], State: 'exited', Image: 'busybox', Status: 'Exited (0) 1 minute ago' } as Docker.ContainerInfo]);
  explorer.networks.replaceAll([{ Id: 'n1', Name: 'backend' } as Docker.NetworkInspectInfo]);
  explorer.volumes.replaceAll([{ Name: 'data' } as Docker.VolumeInspectInfo]);
  explorer.setState({ kind: 'connected', endpoint: '/var/run/docker.sock', contextName: 'default', version: '20.10', apiVersion: '1.41' });
  return explorer;
}

test('names the explorer knows are taken, with the reason a user reads; free names pass', () => {
  const explorer = model();
  assert.equal(containerNameClash(explorer, 'ux-logger'), 'A container named "ux-logger" already exists (exited); choose another name.');
  assert.equal(containerNameClash(explorer, '/ux-logger'), 'A container named "/ux-logger" already exists (exited); choose another name.');
  assert.equal(containerNameClash(explorer, 'ux-logger-2'), undefined);
  assert.equal(networkNameClash(explorer, 'backend'), 'A network named "backend" already exists; choose another name.');
  assert.equal(networkNameClash(explorer, 'frontend'), undefined);
  assert.equal(volumeNameClash(explorer, 'data'), 'A volume named "data" already exists; choose another name.');
  assert.equal(volumeNameClash(explorer, 'data2'), undefined);
});

test('the Containers view shows a pending action on the row and tells the view to redraw', () => {
  const explorer = model();
  const changes: string[] = [];
  explorer.onDidChangeResources((change) => changes.push(`${change.resource}:${change.change.kind}`));
  const end = explorer.pending.begin(['c1'], 'Starting…');
  const [row] = viewRoots(explorer, 'container', { ...defaultViewSettings, groupBy: 'none' });
  assert.equal(row.description, 'Starting…');
  end();
  const [after] = viewRoots(explorer, 'container', { ...defaultViewSettings, groupBy: 'none' });
  assert.notEqual(after.description, 'Starting…');
  assert.deepEqual(changes, ['container:patch', 'container:patch']);
});
