import assert from 'node:assert/strict';
import { test } from 'node:test';
import { selectedNodes } from '../../src/commands/explorer/selection';
import type { ExplorerNode } from '../../src/explorer/nodes';

const leaf = (id: string, kind: ExplorerNode['kind'] = 'container'): ExplorerNode => ({ kind, id, name: id, treeId: id, label: id, icon: { id: 'vm' }, contextValue: 'containerRunning' });
const project: ExplorerNode = { ...leaf('shop', 'composeProject'), treeId: 'composeProject:shop', contextValue: 'composeProjectRunning', children: [leaf('web'), leaf('db')] };

test('a command acts on the clicked node, or on the whole selection when the clicked node is in it', () => {
  assert.deepEqual(selectedNodes('container', leaf('a'), undefined).map((node) => node.id), ['a']);
  assert.deepEqual(selectedNodes('container', leaf('a'), [leaf('b')]).map((node) => node.id), ['a'], 'a click outside the selection acts on the clicked node');
  const a = leaf('a');
  assert.deepEqual(selectedNodes('container', a, [a, leaf('b')]).map((node) => node.id), ['a', 'b']);
});

test('a Compose project stands for its containers; other kinds and junk are ignored', () => {
  assert.deepEqual(selectedNodes('container', project, undefined).map((node) => node.id), ['web', 'db']);
  assert.deepEqual(selectedNodes('container', project, [project, leaf('web')]).map((node) => node.id), ['web', 'db'], 'no duplicates');
  assert.deepEqual(selectedNodes('container', leaf('v', 'volume'), undefined), []);
  assert.deepEqual(selectedNodes('container', 'not a node', undefined), []);
  assert.deepEqual(selectedNodes('container', undefined, undefined), []);
});
