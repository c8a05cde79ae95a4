import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupNode, type ExplorerNode } from '../../src/explorer/nodes';
import { PendingActions } from '../../src/explorer/pending';
import { withPending } from '../../src/explorer/present/pending';

function container(id: string): ExplorerNode {
  return { kind: 'container', id, name: id, treeId: id, label: id, description: 'busybox · Up 2 minutes', icon: { id: 'vm-running' }, contextValue: 'containerRunning' };
}

test('a row with an action under way says so; the others stay as they were', () => {
  const pending = new PendingActions();
  const changes: string[][] = [];
  pending.onDidChange((ids) => changes.push(ids));
  const end = pending.begin(['a'], 'Stopping…');
  const [a, b] = withPending([container('a'), container('b')], (id) => pending.get(id));
  assert.deepEqual({ description: a.description, icon: a.icon }, { description: 'Stopping…', icon: { id: 'loading~spin' } });
  assert.deepEqual(b, container('b'));
  end();
  end();
  assert.equal(pending.get('a'), undefined);
  assert.deepEqual(changes, [['a'], ['a']]);
});

test('a Compose project whose members are all stopping says it too; a later action on a row wins', () => {
  const pending = new PendingActions();
  const endStop = pending.begin(['a', 'b'], 'Stopping…');
  const project = groupNode('composeProject', 'shop', 'shop', [container('a'), container('b')], { description: '2/2 running' });
  const [shown] = withPending([project], (id) => pending.get(id));
  assert.equal(shown.description, 'Stopping…');
  assert.deepEqual(shown.children?.map((child) => child.description), ['Stopping…', 'Stopping…']);

  const endKill = pending.begin(['b'], 'Killing…');
  endStop();
  assert.equal(pending.get('a'), undefined);
  assert.equal(pending.get('b'), 'Killing…', 'ending the stop leaves the kill shown');
  const [mixed] = withPending([project], (id) => pending.get(id));
  assert.equal(mixed.description, '2/2 running', 'not all members busy: the group keeps its own description');
  endKill();
  assert.equal(pending.size, 0);
});
