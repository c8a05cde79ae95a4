import assert from 'node:assert/strict';
import { test } from 'node:test';
import { failureWords } from '../../src/feedback/failureWords';

/** A dockerode error as docker-modem makes it: the engine's message in `json`, the HTTP status in `statusCode`. */
function engineError(statusCode: number, message: string): Error {
  return Object.assign(new Error(`(HTTP code ${statusCode}) unexpected - ${message} `), { statusCode, json: { message } });
}

test("known engine refusals are said in words; the engine's text is kept for the output channel", () => {
  const inUse = engineError(409, 'remove dockside-data: volume is in use - [0123456789ab]');
  assert.deepEqual(failureWords(inUse), { words: 'a container uses it', raw: 'remove dockside-data: volume is in use - [0123456789ab]' });
  assert.equal(failureWords(engineError(409, 'Conflict. The container name "/web" is already in use by container "0ea8".')).words, 'the name is already in use');
  assert.equal(failureWords(engineError(409, 'Container 0ea8 is not running')).words, 'the container is not running');
  assert.equal(failureWords(engineError(500, 'driver failed programming external connectivity: Bind for 0.0.0.0:80 failed: port is already allocated')).words, 'a host port it publishes is already in use');
});

test('unknown engine answers fall back on their HTTP status; our own sentences and connection failures stay words', () => {
  assert.deepEqual(failureWords(engineError(500, 'mkdir /var/lib/x: read-only file system')), { words: 'the Docker Engine reported an error', raw: 'mkdir /var/lib/x: read-only file system' });
  assert.equal(failureWords(engineError(404, 'something odd')).words, 'the engine no longer has it');
  assert.deepEqual(failureWords(new Error('Dockside is not connected to a Docker Engine yet.')), { words: 'Dockside is not connected to a Docker Engine yet', raw: undefined });
  const refused = Object.assign(new Error('connect ECONNREFUSED /var/run/docker.sock'), { code: 'ECONNREFUSED', address: '/var/run/docker.sock' });
  const words = failureWords(refused);
  assert.equal(words.words, 'The Docker Engine at /var/run/docker.sock refused the connection: it is not running');
  assert.equal(words.raw, 'connect ECONNREFUSED /var/run/docker.sock');
});
