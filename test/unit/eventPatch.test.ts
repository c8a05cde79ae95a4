import assert from 'node:assert/strict';
import { test } from 'node:test';
import type Docker from 'dockerode';
import { containerAfterEvent } from '../../src/engine/eventPatch';
import type { EngineEvent } from '../../src/engine/events';

const running = { Id: 'c1', Names: ['/web'], State: 'running', Status: 'Up 5 minutes' } as Docker.ContainerInfo;
const event = (Action: string, Attributes: Record<string, string> = {}): EngineEvent => ({ Type: 'container', Action, Actor: { ID: 'c1', Attributes }, time: 0, timeNano: 0 });

const table: Array<[string, Docker.ContainerInfo, EngineEvent, { State: string; Status: string } | undefined]> = [
  ['pause', running, event('pause'), { State: 'paused', Status: 'Up 5 minutes (Paused)' }],
  ['unpause', { ...running, State: 'paused', Status: 'Up 5 minutes (Paused)' }, event('unpause'), { State: 'running', Status: 'Up 5 minutes' }],
  ['start', { ...running, State: 'exited', Status: 'Exited (0) 1 hour ago' }, event('start'), { State: 'running', Status: 'Up Less than a second' }],
  ['die with its exit code', running, event('die', { exitCode: '137' }), { State: 'exited', Status: 'Exited (137) Less than a second ago' }],
  ['an action that implies no state', running, event('rename'), undefined],
];

for (const [title, current, input, expected] of table) {
  test(`a container event patches the list entry at once: ${title}`, () => {
    const next = containerAfterEvent(input, current);
    assert.deepEqual(next && { State: next.State, Status: next.Status }, expected);
    if (next) {
      assert.equal(next.Id, current.Id);
      assert.deepEqual(next.Names, current.Names, 'everything else is kept');
    }
  });
}

test('no patch for a container the model does not hold, nor for other event types', () => {
  assert.equal(containerAfterEvent(event('pause'), undefined), undefined);
  assert.equal(containerAfterEvent({ ...event('pause'), Type: 'image' }, running), undefined);
});
