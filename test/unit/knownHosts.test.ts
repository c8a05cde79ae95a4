import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { knownHostKeys } from '../../src/engine/knownHosts';

function hashed(name: string): string {
  const salt = Buffer.from('0123456789abcdefghij');
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

test('known_hosts entries are found by plain, bracketed-port and hashed names, as ssh records them', () => {
  const text = [
    '# a comment',
    'box,10.0.0.2 ssh-ed25519 AAAAplain',
    '[127.0.0.1]:2222 ssh-ed25519 AAAAport',
    `${hashed('hashed.example')} ecdsa-sha2-nistp256 AAAAhashed`,
    `${hashed('[hashed.example]:2200')} ssh-ed25519 AAAAhashedport`,
    '@revoked box ssh-rsa AAAArevoked',
    '@cert-authority *.example ssh-rsa AAAAca',
    'other ssh-ed25519 AAAAother',
  ].join('\n');
  assert.deepEqual(knownHostKeys([text], 'box', 22), { keys: ['AAAAplain'], revoked: ['AAAArevoked'] });
  assert.deepEqual(knownHostKeys([text], '10.0.0.2', 22).keys, ['AAAAplain']);
  assert.deepEqual(knownHostKeys([text], '127.0.0.1', 2222).keys, ['AAAAport']);
  assert.deepEqual(knownHostKeys([text], '127.0.0.1', 22).keys, [], 'another port is another host');
  assert.deepEqual(knownHostKeys([text], 'hashed.example', 22).keys, ['AAAAhashed']);
  assert.deepEqual(knownHostKeys([text], 'hashed.example', 2200).keys, ['AAAAhashedport']);
  assert.deepEqual(knownHostKeys(['', text], 'nowhere', 22), { keys: [], revoked: [] });
});
