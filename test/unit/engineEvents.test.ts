import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyEngineError, actionFailureMessage, engineMessage } from '../../src/engine/errors';
import { EngineEvent, EventLineParser, eventTargets, meetsExpectation, sinceFromTimeNano } from '../../src/engine/events';

const event = (Type: string, Action: string, ID: string, Attributes: Record<string, string> = {}): EngineEvent => ({ Type, Action, Actor: { ID, Attributes }, time: 0, timeNano: 0 });

const mapping: Array<[string, EngineEvent, Array<{ kind: string; key: string; gone: boolean }>]> = [
  ['container start re-reads the container', event('container', 'start', 'c1'), [{ kind: 'container', key: 'c1', gone: false }]],
  ['container destroy removes it without a fetch', event('container', 'destroy', 'c1'), [{ kind: 'container', key: 'c1', gone: true }]],
  ['exec events change nothing shown', event('container', 'exec_start: sh -c ls', 'c1'), []],
  ['a kill changes nothing shown: the die that may follow does', event('container', 'kill', 'c1', { signal: '9' }), []],
  ['health status changes the container', event('container', 'health_status: healthy', 'c1'), [{ kind: 'container', key: 'c1', gone: false }]],
  ['image events re-read images', event('image', 'untag', 'sha256:abc'), [{ kind: 'image', key: 'sha256:abc', gone: false }]],
  ['volume destroy', event('volume', 'destroy', 'data'), [{ kind: 'volume', key: 'data', gone: true }]],
  ['volume mount also re-reads the container', event('volume', 'mount', 'data', { container: 'c1' }), [{ kind: 'volume', key: 'data', gone: false }, { kind: 'container', key: 'c1', gone: false }]],
  ['network connect re-reads network and container', event('network', 'connect', 'n1', { container: 'c1' }), [{ kind: 'network', key: 'n1', gone: false }, { kind: 'container', key: 'c1', gone: false }]],
  ['other types are ignored', event('daemon', 'reload', 'd'), []],
  ['a volume prune names nothing: re-list volumes', event('volume', 'prune', ''), [{ kind: 'volume', key: '', gone: false }]],
];

for (const [title, input, expected] of mapping) {
  test(`event mapping: ${title}`, () => {
    assert.deepEqual(
      eventTargets(input).map(({ kind, key, gone }) => ({ kind, key, gone })),
      expected,
    );
  });
}

test('a prune event asks for a full list of its kind', () => {
  assert.equal(eventTargets(event('network', 'prune', ''))[0].relist, true);
  assert.equal(eventTargets(event('container', 'start', 'c1'))[0].relist, undefined);
});

test('events imply container states: pause → paused, die → anything but running', () => {
  const [pause] = eventTargets(event('container', 'pause', 'c1'));
  assert.equal(meetsExpectation('running', pause.expect), false);
  assert.equal(meetsExpectation('paused', pause.expect), true);
  const [die] = eventTargets(event('container', 'die', 'c1'));
  assert.equal(meetsExpectation('running', die.expect), false);
  assert.equal(meetsExpectation('exited', die.expect), true);
});

test('the line parser joins events cut across chunks and skips bad lines', () => {
  const parser = new EventLineParser();
  const bad: string[] = [];
  const line = JSON.stringify(event('container', 'start', 'c1'));
  assert.deepEqual(parser.push(line.slice(0, 10)), []);
  assert.deepEqual(parser.push(`${line.slice(10)}\nnot json\n${line}`, (text) => bad.push(text)).map((item) => item.Actor.ID), ['c1']);
  assert.deepEqual(bad, ['not json']);
  assert.deepEqual(parser.push('\n').map((item) => item.Action), ['start']);
});

test('since resumes one microsecond before the last event', () => {
  assert.equal(sinceFromTimeNano(1_700_000_000_000_001_000), '1700000000.000000000');
  assert.equal(sinceFromTimeNano(1_700_000_005_500_000_000), '1700000005.499999000');
});

const failures: Array<[string, unknown, string, RegExp]> = [
  ['no socket', Object.assign(new Error('connect ENOENT /var/run/docker.sock'), { code: 'ENOENT', address: '/var/run/docker.sock' }), 'notRunning', /not installed or not running/],
  ['refused', Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), 'notRunning', /refused the connection/],
  ['permission', Object.assign(new Error('x'), { code: 'EACCES', address: '/var/run/docker.sock' }), 'permission', /"docker" group/],
  ['tls', Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), 'tls', /TLS failure/],
  ['timeout', Object.assign(new Error('no answer within 10000 ms'), { code: 'ETIMEDOUT' }), 'timeout', /did not answer in time/],
];

for (const [title, error, problem, reason] of failures) {
  test(`engine failure in words: ${title}`, () => {
    const failure = classifyEngineError(error);
    assert.equal(failure.problem, problem);
    assert.match(failure.reason, reason);
  });
}

test("an engine error reaches the user as the engine's message with the resource's name", () => {
  const conflict = Object.assign(new Error('(HTTP code 409) unexpected - conflict'), {
    statusCode: 409,
    json: { message: 'conflict: unable to remove repository reference "busybox" (must force) - container 1a2b is using its referenced image 3c4d' },
  });
  assert.equal(
    actionFailureMessage('remove', 'image', 'busybox:latest', conflict),
    'Cannot remove image "busybox:latest": conflict: unable to remove repository reference "busybox" (must force) - container 1a2b is using its referenced image 3c4d',
  );
});

test("a streamed request's failure reaches the user as the engine's words, without docker-modem's wrapping", () => {
  // docker-modem leaves `json` unset for a streamed request and puts the engine's text into its own sentence.
  const refused = Object.assign(new Error('(HTTP code 400) bad parameter - buildkit is not enabled on daemon '), { statusCode: 400, reason: 'bad parameter', json: null });
  assert.equal(engineMessage(refused), 'buildkit is not enabled on daemon');
  const empty = Object.assign(new Error('(HTTP code 500) server error - '), { statusCode: 500, reason: 'server error', json: null });
  assert.equal(engineMessage(empty), 'server error (HTTP 500)');
  assert.equal(engineMessage(new Error('socket hang up')), 'socket hang up');
});
