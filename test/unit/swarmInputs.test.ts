import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseServiceLogLine } from '../../src/logs/serviceLogLine';
import { imageProblem, replicasProblem, rolloutProgress } from '../../src/swarm/serviceInputs';
import { converged, touchesSwarm } from '../../src/swarm/swarmWatch';
import type { SwarmServiceInfo, SwarmTaskInfo } from '../../src/swarm/swarmTypes';

const read = <T>(name: string) => JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'swarm', `${name}.json`), 'utf8')) as T;

test('a replica count is a whole number from 0 to 1000', () => {
  for (const ok of ['0', '3', ' 12 ', '1000']) {
    assert.equal(replicasProblem(ok), undefined, ok);
  }
  assert.match(replicasProblem('') ?? '', /whole number/);
  assert.match(replicasProblem('-1') ?? '', /whole number/);
  assert.match(replicasProblem('2.5') ?? '', /whole number/);
  assert.match(replicasProblem('three') ?? '', /whole number/);
  assert.match(replicasProblem('1001') ?? '', /At most 1000/);
});

test('an image reference is checked before the service is touched', () => {
  for (const ok of ['busybox', 'busybox:1', '127.0.0.1:5000/dockside-test/busybox:2', `app@sha256:${'a'.repeat(64)}`]) {
    assert.equal(imageProblem(ok), undefined, ok);
  }
  assert.match(imageProblem('  ') ?? '', /Type an image/);
  assert.match(imageProblem('busy box') ?? '', /no spaces/);
  assert.match(imageProblem('app:') ?? '', /not an image reference/);
  assert.match(imageProblem('-app') ?? '', /not an image reference/);
});

test('rollout progress counts the current tasks running the new image', () => {
  const services = read<SwarmServiceInfo[]>('services');
  const tasks = read<SwarmTaskInfo[]>('tasks');
  const spweb = services.find((service) => service.Spec?.Name === 'spweb');
  assert.ok(spweb);
  assert.deepEqual(rolloutProgress(spweb, tasks, '127.0.0.1:21201/dockside-test/busybox:2'), { done: 2, total: 2 });
  assert.deepEqual(rolloutProgress(spweb, tasks, '127.0.0.1:21201/dockside-test/busybox:1'), { done: 0, total: 2 });
  // Halfway: one task still starting on the new image.
  const halfway = structuredClone(tasks);
  const starting = halfway.find((task) => task.ServiceID === spweb.ID && task.DesiredState === 'running');
  assert.ok(starting?.Status);
  starting.Status.State = 'starting';
  assert.deepEqual(rolloutProgress(spweb, halfway, '127.0.0.1:21201/dockside-test/busybox:2'), { done: 1, total: 2 });
});

test('the swarm is converged when every service runs its desired tasks and no update is under way', () => {
  const snapshot = { nodes: [], services: read<SwarmServiceInfo[]>('services'), tasks: read<SwarmTaskInfo[]>('tasks'), secrets: [], configs: [] };
  assert.equal(converged(snapshot), false, 'the failing service is 0/1');
  const healthy = { ...snapshot, services: snapshot.services.filter((service) => service.Spec?.Name !== 'broken') };
  assert.equal(converged(healthy), true);
  // The counts already say running while the task list, read beside them, still shows a task starting.
  const lagging = structuredClone(healthy);
  const listed = lagging.tasks.find((task) => task.ServiceID === lagging.services[0].ID && task.DesiredState === 'running' && task.Status?.State === 'running');
  assert.ok(listed?.Status);
  listed.Status.State = 'starting';
  assert.equal(converged(lagging), false, 'a task listed as starting is not converged, whatever the counts say');
  healthy.services[0] = { ...healthy.services[0], UpdateStatus: { State: 'updating' } };
  assert.equal(converged(healthy), false);
});

test('service, node, secret and config events and task container starts touch the Swarm view; others do not', () => {
  const event = (Type: string, Action: string, Attributes: Record<string, string> = {}) => ({ Type, Action, Actor: { ID: 'x', Attributes }, time: 0, timeNano: 0 });
  assert.equal(touchesSwarm(event('service', 'update')), true);
  assert.equal(touchesSwarm(event('node', 'update')), true);
  assert.equal(touchesSwarm(event('secret', 'create')), true);
  assert.equal(touchesSwarm(event('config', 'remove')), true);
  assert.equal(touchesSwarm(event('container', 'start', { 'com.docker.swarm.service.id': 's' })), true);
  assert.equal(touchesSwarm(event('container', 'exec_start', { 'com.docker.swarm.service.id': 's' })), false);
  assert.equal(touchesSwarm(event('container', 'start')), false);
  assert.equal(touchesSwarm(event('image', 'pull')), false);
});

test('a service log line loses the engine details and keeps its task id; a program line starting k=v is kept whole', () => {
  const details = 'com.docker.swarm.node.id=p41h2ovtatkzilat6tpsizxme,com.docker.swarm.service.id=j7a6l44m6bjyszjvhlgkscs0i,com.docker.swarm.task.id=z52ugaeqh21u7j79qdapkoy8v';
  assert.deepEqual(parseServiceLogLine(`${details} hello e308f2418f61`), { stamp: '', taskId: 'z52ugaeqh21u7j79qdapkoy8v', text: 'hello e308f2418f61' });
  assert.deepEqual(parseServiceLogLine(`2026-12-07T18:34:18.425689904Z ${details} a=b c`), { stamp: '2026-12-07T18:34:18.425689904Z ', taskId: 'z52ugaeqh21u7j79qdapkoy8v', text: 'a=b c' });
  assert.deepEqual(parseServiceLogLine(`${details} `), { stamp: '', taskId: 'z52ugaeqh21u7j79qdapkoy8v', text: '' });
  assert.deepEqual(parseServiceLogLine('level=info msg=started'), { stamp: '', taskId: undefined, text: 'level=info msg=started' });
});
