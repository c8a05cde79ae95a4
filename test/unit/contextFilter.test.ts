import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createContextFilter } from '../../src/build/contextFilter';

const rules = '# comment\n*.env\nnode_modules\nlogs\n!logs/keep.log\n**/*.tmp\nDockerfile\n';
const cases: Array<[string, boolean, boolean]> = [
  // path, is a directory, excluded
  ['src/app.ts', false, false],
  ['secret.env', false, true],
  ['node_modules', true, true],
  ['logs', true, false], // walked: a re-include is below it
  ['logs/a.log', false, true],
  ['logs/keep.log', false, false],
  ['deep/er/x.tmp', false, true],
  ['Dockerfile', false, false], // always sent
  ['.dockerignore', false, false],
];

for (const [path, isDirectory, excluded] of cases) {
  test(`${path} is ${excluded ? 'excluded' : 'sent'}`, () => {
    assert.equal(createContextFilter(rules, 'Dockerfile').excludes(path, () => isDirectory), excluded);
  });
}

test('without a .dockerignore everything is sent', () => {
  assert.equal(createContextFilter(undefined, 'Dockerfile').excludes('anything/at/all', () => false), false);
});

test('a Dockerfile in an excluded folder is still sent, and its folder walked', () => {
  const filter = createContextFilter('build\n', 'build/Dockerfile');
  assert.equal(filter.excludes('build', () => true), false);
  assert.equal(filter.excludes('build/Dockerfile', () => false), false);
});
