import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LayerBlock } from '../../src/registry/layerBlock';
import { LayerProgress } from '../../src/registry/layerProgress';
import { describeRegistryError } from '../../src/registry/registryErrors';

test('per-layer progress and a summary across layers', () => {
  const progress = new LayerProgress();
  progress.read({ status: 'Pulling from library/alpine', id: 'latest' });
  progress.read({ status: 'Pulling fs layer', id: 'aaaaaaaaaaaa' });
  progress.read({ status: 'Pulling fs layer', id: 'bbbbbbbbbbbb' });
  progress.read({ status: 'Downloading', id: 'aaaaaaaaaaaa', progressDetail: { current: 50, total: 100 } });
  progress.read({ status: 'Downloading', id: 'bbbbbbbbbbbb', progressDetail: { current: 0, total: 300 } });
  assert.deepEqual(progress.lines(), ['aaaaaaaaaaaa  Downloading  50%', 'bbbbbbbbbbbb  Downloading  0%']);
  assert.equal(progress.percent, 12.5);
  progress.read({ status: 'Pull complete', id: 'aaaaaaaaaaaa' });
  assert.equal(progress.summary(), '1/2 layers done, 25% of 0.0 MB');
  assert.equal(progress.error, undefined);
  progress.read({ errorDetail: { message: 'boom' }, error: 'boom' });
  assert.equal(progress.error, 'boom');
});

const errors: Array<[string, RegExp]> = [
  ['Get "https://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused', /the registry at 127\.0\.0\.1:1 refused the connection/],
  ['Get "https://nowhere.invalid/v2/": dial tcp: lookup nowhere.invalid: no such host', /could not be resolved/],
  ['Get "https://10.0.0.1/v2/": dial tcp 10.0.0.1:443: connect: network is unreachable', /cannot be reached/],
  ['unauthorized: authentication required', /log in to it/],
  ['manifest for x:1 not found: manifest unknown', /does not exist/],
  ['something else', /: something else$/],
];

for (const [raw, expected] of errors) {
  test(`registry error: ${raw.slice(0, 40)}`, () => {
    assert.match(describeRegistryError('pull', 'x:1', raw), expected);
  });
}

test('the per-layer block is redrawn in place', () => {
  const block = new LayerBlock();
  assert.equal(block.render(['a  Waiting', 'b  Waiting']), '\r\x1b[2Ka  Waiting\n\r\x1b[2Kb  Waiting\n');
  assert.equal(block.render(['a  Pull complete', 'b  Downloading  5%', 'c  Waiting']), '\x1b[2A\r\x1b[2Ka  Pull complete\n\r\x1b[2Kb  Downloading  5%\n\r\x1b[2Kc  Waiting\n');
});
