import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nodesOf } from '../../src/commands/targetNodes';

const a = { kind: 'container', id: 'a', name: 'web' };
const b = { kind: 'container', id: 'b', name: 'db' };
const image = { kind: 'image', id: 'sha256:1', name: 'busybox:1' };

const cases: Array<[string, unknown, unknown, string[]]> = [
  ['the palette (no node)', undefined, undefined, []],
  ['one clicked node', a, undefined, ['a']],
  ['a multi-selection including the clicked node', a, [a, b], ['a', 'b']],
  ['a click outside the selection acts on the clicked node only', a, [b], ['a']],
  ['a node of another kind', image, [image], []],
  ['something that is not a node (a Uri, a string)', 'file:///x', undefined, []],
];

for (const [title, node, nodes, ids] of cases) {
  test(title, () => {
    assert.deepEqual(nodesOf('container', node, nodes).map((target) => target.id), ids);
  });
}
