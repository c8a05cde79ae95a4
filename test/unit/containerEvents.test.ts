import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import type Docker from 'dockerode';
import { Backoff } from '../../src/engine/backoff';
import { ContainerEventWatch } from '../../src/logs/containerEvents';

/** An engine whose event stream the test drives: each subscription is a PassThrough; `failures` refuse the next ones. */
function fakeEngine() {
  const streams: PassThrough[] = [];
  const filters: unknown[] = [];
  const engine = {
    failures: 0,
    streams,
    filters,
    getEvents: (async (options: { filters?: unknown }) => {
      if (engine.failures > 0) {
        engine.failures--;
        throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      }
      filters.push(options.filters);
      const stream = new PassThrough();
      streams.push(stream);
      return stream;
    }) as unknown as Docker['getEvents'],
  };
  return engine;
}

const event = (action: string, id = 'c1') => `${JSON.stringify({ Type: 'container', Action: action, Actor: { ID: id, Attributes: { name: 'web' } } })}\n`;

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

test('starts and removal arrive; a dropped stream is subscribed again with backoff and wakes waiters as a resync', async () => {
  const engine = fakeEngine();
  const controller = new AbortController();
  let resyncs = 0;
  const seen: string[] = [];
  const watch = new ContainerEventWatch(engine, { container: 'c1' }, controller.signal, {
    onEvent: (e) => seen.push(`${e.action} ${e.id} ${e.attributes.name}`),
    onResync: () => resyncs++,
    backoff: new Backoff(10, 40),
  });
  await watch.ready;
  assert.deepEqual(engine.filters[0], { type: ['container'], event: ['start', 'die', 'destroy'], container: ['c1'] });

  const mark = watch.mark();
  const started = watch.waitForStart(mark, controller.signal);
  engine.streams[0].write(event('die'));
  engine.streams[0].write(event('start'));
  assert.equal(await started, 'started');
  assert.deepEqual(seen, ['die c1 web', 'start c1 web']);

  // The engine goes away: two refused attempts, then a new subscription.
  const waiting = watch.waitForStart(watch.mark(), controller.signal);
  engine.failures = 2;
  engine.streams[0].destroy(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
  assert.equal(await waiting, 'resynced');
  assert.equal(engine.streams.length, 2);
  assert.equal(engine.failures, 0, 'the refused attempts were retried');
  assert.equal(resyncs, 1);

  // A clean end of the stream (engine shutdown) is a drop too; events on the new stream still count.
  engine.streams[1].end();
  await until(() => engine.streams.length === 3, 'the third subscription');
  const removed = watch.waitForStart(watch.mark(), controller.signal);
  engine.streams[2].write(event('destroy'));
  assert.equal(await removed, 'removed');
  assert.ok(watch.destroyed);
  controller.abort();
});

test('the first subscription failing is an error; aborting ends waits and retries', async () => {
  const refused = fakeEngine();
  refused.failures = 1;
  await assert.rejects(new ContainerEventWatch(refused, { label: 'x=y' }, new AbortController().signal).ready, /ECONNREFUSED/);

  const engine = fakeEngine();
  const controller = new AbortController();
  const watch = new ContainerEventWatch(engine, { label: 'x=y' }, controller.signal, { backoff: new Backoff(10_000, 10_000) });
  await watch.ready;
  assert.deepEqual(engine.filters[0], { type: ['container'], event: ['start', 'die', 'destroy'], label: ['x=y'] });
  const waiting = watch.waitForStart(watch.mark(), controller.signal);
  engine.streams[0].destroy();
  controller.abort();
  assert.equal(await waiting, 'aborted');
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(engine.streams.length, 1, 'no subscription after abort');
});
