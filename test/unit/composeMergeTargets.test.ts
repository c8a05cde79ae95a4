import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeTargets } from '../../src/compose/mergeTargets';

const target = (project: string, services: string[] = [], files = [`/w/${project}/compose.yaml`]) => ({ project, files, services });

test('selected services of one project run together, in the order selected', () => {
  assert.deepEqual(mergeTargets([target('shop', ['web']), target('shop', ['db']), target('shop', ['web'])]), [target('shop', ['web', 'db'])]);
});

test('a selected project row means the whole project, whatever services are selected beside it', () => {
  assert.deepEqual(mergeTargets([target('shop', ['web']), target('shop')]), [target('shop')]);
  assert.deepEqual(mergeTargets([target('shop'), target('shop', ['db'])]), [target('shop')]);
});

test('several projects stay apart, first selected first; the same name from other files is another project', () => {
  const merged = mergeTargets([target('b', ['x']), target('a'), target('b', ['y']), target('a', [], ['/elsewhere/compose.yaml'])]);
  assert.deepEqual(merged, [target('b', ['x', 'y']), target('a'), target('a', [], ['/elsewhere/compose.yaml'])]);
});

test('the selection given is not changed', () => {
  const first = target('shop', ['web']);
  mergeTargets([first, target('shop', ['db'])]);
  assert.deepEqual(first.services, ['web']);
});
