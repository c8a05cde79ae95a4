import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseImageReference, splitRepositoryTag } from '../../src/registry/imageReference';

const valid: Array<[string, { domain?: string; path: string; tag?: string; digest?: string }]> = [
  ['busybox', { path: 'busybox' }],
  ['busybox:1.36', { path: 'busybox', tag: '1.36' }],
  ['dockside-test/busybox:1', { path: 'dockside-test/busybox', tag: '1' }],
  ['localhost:5000/team/app:v2', { domain: 'localhost:5000', path: 'team/app', tag: 'v2' }],
  ['registry.example.com/a/b/c', { domain: 'registry.example.com', path: 'a/b/c' }],
  ['127.0.0.1:1/x', { domain: '127.0.0.1:1', path: 'x' }],
  ['my_app__x.y-z:latest', { path: 'my_app__x.y-z', tag: 'latest' }],
  [`alpine@sha256:${'a'.repeat(64)}`, { path: 'alpine', digest: `sha256:${'a'.repeat(64)}` }],
];

for (const [input, expected] of valid) {
  test(`accepts ${input}`, () => {
    const parsed = parseImageReference(input);
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.reason);
    if (parsed.ok) assert.deepEqual(parsed.value, { domain: undefined, tag: undefined, digest: undefined, ...expected });
  });
}

const invalid: Array<[string, RegExp]> = [
  ['', /required/],
  ['Busybox', /lowercase/],
  ['busy box', /white space/],
  ['busybox:-bad', /not a valid tag/],
  ['a//b', /not a valid repository name/],
  ['busybox@sha256:xyz', /not a digest/],
  ['-leading', /not a valid repository name/],
  ['host_name:5000/app', /not a valid registry host/],
];

for (const [input, reason] of invalid) {
  test(`refuses ${JSON.stringify(input)} with the reason`, () => {
    const parsed = parseImageReference(input);
    assert.equal(parsed.ok, false);
    if (!parsed.ok) assert.match(parsed.reason, reason);
  });
}

test('a reference without tag is latest for the engine', () => {
  const parsed = parseImageReference('localhost:5000/app');
  assert.ok(parsed.ok);
  if (parsed.ok) assert.deepEqual(splitRepositoryTag(parsed.value), { repository: 'localhost:5000/app', tag: 'latest' });
});
