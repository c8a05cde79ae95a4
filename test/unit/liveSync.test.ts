import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import type Docker from 'dockerode';
import { Backoff } from '../../src/engine/backoff';
import type { ResourceFetcher } from '../../src/engine/fetcher';
import { LiveEngine } from '../../src/engine/liveEngine';
import { PatchQueue } from '../../src/engine/patchQueue';
import { Throttle } from '../../src/explorer/throttle';
import { EngineState, ExplorerModel } from '../../src/explorer/model';
import type { ResourceKind, ResourceTypes } from '../../src/explorer/resources';

/** A fake engine behind the fetcher interface: containers by id, and a log of every call. */
class FakeFetcher implements ResourceFetcher {
  containers = new Map<string, Docker.ContainerInfo>();
  calls: string[] = [];

  async list<K extends ResourceKind>(kind: K): Promise<Array<ResourceTypes[K]>> {
    this.calls.push(`list ${kind}`);
    return (kind === 'container' ? [...this.containers.values()] : []) as Array<ResourceTypes[K]>;
  }

  async fetch<K extends ResourceKind>(kind: K, key: string): Promise<ResourceTypes[K] | undefined> {
    this.calls.push(`fetch ${kind} ${key}`);
    return (kind === 'container' ? this.containers.get(key) : undefined) as ResourceTypes[K] | undefined;
  }

  async volumeSizes(): Promise<Map<string, number>> {
    return new Map();
  }

  set(id: string, state: string): void {
    this.containers.set(id, { Id: id, Names: [`/${id}`], State: state, Status: state } as Docker.ContainerInfo);
  }
}

/** A fake engine whose list view can lag behind the containers' own state (what an inspect reads). */
class LaggingFetcher extends FakeFetcher {
  inspected = new Map<string, string>();

  async state(kind: ResourceKind, key: string): Promise<string | undefined> {
    this.calls.push(`inspect ${kind} ${key}`);
    return kind === 'container' ? this.inspected.get(key) : undefined;
  }
}

/** Lets every pending promise and (real) setImmediate callback run. */
/** The state read afresh (a getter TypeScript would otherwise keep narrowed between assertions). */
function stateOf(model: ExplorerModel): EngineState {
  return model.state;
}

async function drain(): Promise<void> {
  for (let index = 0; index < 20; index++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Runs `body` with setTimeout under the test's control (mock.timers.tick). */
async function withMockedTimers(body: () => Promise<void>): Promise<void> {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    await body();
  } finally {
    mock.timers.reset();
  }
}

/** A model and a queue over `fetcher` that flushes at once. */
function queueOver(fetcher: ResourceFetcher): { model: ExplorerModel; queue: PatchQueue } {
  const model = new ExplorerModel();
  return { model, queue: new PatchQueue(model, fetcher, { schedule: (run) => run() }) };
}

test('backoff doubles up to its cap and starts over on reset', () => {
  const backoff = new Backoff(500, 4000);
  assert.deepEqual([backoff.next(), backoff.next(), backoff.next(), backoff.next(), backoff.next()], [500, 1000, 2000, 4000, 4000]);
  backoff.reset();
  assert.equal(backoff.next(), 500);
});

test('a burst of notices about one container is one fetch; a burst too large to patch is one full list', async () => {
  const model = new ExplorerModel();
  const fetcher = new FakeFetcher();
  const pending: Array<() => void> = [];
  const queue = new PatchQueue(model, fetcher, { maxPatchesPerKind: 3, schedule: (run) => pending.push(run) });
  fetcher.set('a', 'running');
  for (let index = 0; index < 5; index++) {
    queue.add({ kind: 'container', key: 'a', gone: false });
  }
  assert.equal(pending.length, 1, 'one flush scheduled for the whole burst');
  pending.shift()?.();
  await queue.idle();
  assert.deepEqual(fetcher.calls, ['fetch container a']);
  assert.equal(model.containers.get('a')?.State, 'running');

  fetcher.calls = [];
  for (const key of ['b', 'c', 'd', 'e']) {
    queue.add({ kind: 'container', key, gone: false });
  }
  pending.shift()?.();
  await queue.idle();
  assert.deepEqual(fetcher.calls, ['list container']);
});

test('notices arriving during a flush are gathered into the next one; a destroy needs no fetch', async () => {
  const model = new ExplorerModel();
  const fetcher = new FakeFetcher();
  const pending: Array<() => void> = [];
  const queue = new PatchQueue(model, fetcher, { schedule: (run) => pending.push(run) });
  fetcher.set('a', 'running');
  fetcher.set('b', 'running');
  queue.add({ kind: 'container', key: 'a', gone: false });
  pending.shift()?.();
  // The flush is in flight: these wait for it, then go together.
  queue.add({ kind: 'container', key: 'b', gone: false });
  queue.add({ kind: 'container', key: 'a', gone: true });
  assert.equal(pending.length, 0, 'no second flush while one is in flight');
  await drain();
  assert.equal(pending.length, 1);
  pending.shift()?.();
  await queue.idle();
  assert.deepEqual(fetcher.calls, ['fetch container a', 'fetch container b']);
  assert.equal(model.containers.has('a'), false);
  assert.equal(model.containers.get('b')?.State, 'running');
});

test('a read that disagrees with its event (engine list not yet updated) is retried until it agrees', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const model = new ExplorerModel();
    const fetcher = new FakeFetcher();
    const queue = new PatchQueue(model, fetcher, { schedule: (run) => run() });
    fetcher.set('a', 'running');
    queue.add({ kind: 'container', key: 'a', gone: false, expect: { state: 'paused' } });
    await drain();
    assert.equal(model.containers.has('a'), false, 'the stale "running" read is not shown');
    assert.deepEqual(fetcher.calls, ['fetch container a', 'fetch container a'], 'the first retry is immediate');
    fetcher.set('a', 'paused');
    mock.timers.tick(1);
    await drain();
    await queue.idle();
    assert.equal(model.containers.get('a')?.State, 'paused');
    assert.deepEqual(fetcher.calls, ['fetch container a', 'fetch container a', 'fetch container a']);
  } finally {
    mock.timers.reset();
  }
});

test('a list view that lags its event by 150 ms (a busy engine) still ends with the state the event implies', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const model = new ExplorerModel();
    const fetcher = new FakeFetcher();
    const queue = new PatchQueue(model, fetcher, { schedule: (run) => run() });
    fetcher.set('a', 'running');
    queue.add({ kind: 'container', key: 'a', gone: false, expect: { state: 'paused' } });
    for (let elapsed = 0; elapsed < 150; elapsed += 5) {
      await drain();
      mock.timers.tick(5);
    }
    assert.equal(model.containers.has('a'), false, 'the stale "running" read is still not shown after 150 ms');
    fetcher.set('a', 'paused');
    for (let step = 0; step < 5; step++) {
      await drain();
      mock.timers.tick(250);
    }
    await queue.idle();
    assert.equal(model.containers.get('a')?.State, 'paused');
  } finally {
    mock.timers.reset();
  }
});

test('a read that never agrees is shown after a bounded number of retries', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const model = new ExplorerModel();
    const fetcher = new FakeFetcher();
    const queue = new PatchQueue(model, fetcher, { schedule: (run) => run() });
    fetcher.set('a', 'exited');
    queue.add({ kind: 'container', key: 'a', gone: false, expect: { state: 'running' } });
    for (let step = 0; step < 80; step++) {
      await drain();
      mock.timers.tick(250);
    }
    await queue.idle();
    assert.equal(model.containers.get('a')?.State, 'exited', 'the engine’s answer wins in the end');
    assert.equal(fetcher.calls.length, 41, 'one read and 40 retries, then no more');
  } finally {
    mock.timers.reset();
  }
});

test('a list still stale after the settle retries is not shown while the container itself is in the state its event implies', () =>
  withMockedTimers(async () => {
    const fetcher = new LaggingFetcher();
    const { model, queue } = queueOver(fetcher);
    fetcher.set('a', 'running');
    fetcher.inspected.set('a', 'exited');
    queue.add({ kind: 'container', key: 'a', gone: false, expect: { state: 'running', not: true } });
    // The settle retries (~8 s), then ten more seconds: the list keeps saying "running", the container "exited".
    for (let step = 0; step < 72; step++) {
      await drain();
      mock.timers.tick(250);
    }
    assert.equal(model.containers.has('a'), false, 'the stale "running" read is never shown');
    assert.ok(fetcher.calls.includes('inspect container a'), 'the container itself was asked');
    fetcher.set('a', 'exited');
    for (let step = 0; step < 3; step++) {
      await drain();
      mock.timers.tick(1000);
    }
    await queue.idle();
    assert.equal(model.containers.get('a')?.State, 'exited', 'the list entry is shown once the list agrees');
  }));

test('a read that was on its way when a newer event came is dropped; the newer event gets its own read', async () => {
  const fetcher = new FakeFetcher();
  let release: () => void = () => undefined;
  const slow = new Promise<void>((resolve) => (release = resolve));
  const fetch = fetcher.fetch.bind(fetcher);
  let first = true;
  fetcher.fetch = async (kind, key) => {
    const value = await fetch(kind, key);
    if (first) {
      first = false;
      await slow;
    }
    return value;
  };
  const { model, queue } = queueOver(fetcher);
  const shown: string[] = [];
  model.containers.onDidChange(() => shown.push(model.containers.get('a')?.State ?? 'none'));
  fetcher.set('a', 'running');
  queue.add({ kind: 'container', key: 'a', gone: false, expect: { state: 'running' } });
  await drain();
  // The container dies while the first read (which saw it running) is still on its way back.
  fetcher.set('a', 'exited');
  queue.add({ kind: 'container', key: 'a', gone: false, expect: { state: 'running', not: true } });
  release();
  await drain();
  await queue.idle();
  assert.deepEqual(shown, ['exited'], 'the tree never shows the read that predates the death');
  assert.deepEqual(fetcher.calls, ['fetch container a', 'fetch container a']);
});

test('a notice that implies nothing (a network disconnect after a die) keeps the state the die implies', () =>
  withMockedTimers(async () => {
    const fetcher = new FakeFetcher();
    const { model, queue } = queueOver(fetcher);
    fetcher.set('a', 'running');
    queue.add({ kind: 'container', key: 'a', gone: false, expect: { state: 'running', not: true } });
    await drain();
    queue.add({ kind: 'container', key: 'a', gone: false });
    await drain();
    for (let step = 0; step < 8; step++) {
      mock.timers.tick(5);
      await drain();
    }
    assert.equal(model.containers.has('a'), false, 'the list\u2019s stale "running" is not shown');
    fetcher.set('a', 'exited');
    for (let step = 0; step < 8; step++) {
      mock.timers.tick(250);
      await drain();
    }
    await queue.idle();
    assert.equal(model.containers.get('a')?.State, 'exited');
  }));

/** A dockerode stand-in: version() answers or refuses; getEvents() hands out streams the test writes to. */
class FakeDocker {
  up = true;
  streamsFail = false;
  versionCalls = 0;
  streams: PassThrough[] = [];
  eventOptions: Array<Docker.GetEventsOptions | undefined> = [];

  async ping() {
    if (!this.up) {
      throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    }
    return "OK";
  }

  async version() {
    this.versionCalls++;
    if (!this.up) {
      throw Object.assign(new Error('connect ECONNREFUSED /var/run/docker.sock'), { code: 'ECONNREFUSED', address: '/var/run/docker.sock' });
    }
    return { Version: '20.10.24', ApiVersion: '1.41' };
  }

  async getEvents(options?: Docker.GetEventsOptions) {
    this.eventOptions.push(options);
    if (this.streamsFail || !this.up) {
      throw new Error('events unavailable');
    }
    const stream = new PassThrough();
    this.streams.push(stream);
    return stream;
  }
}

function event(id: string, action: string, timeNano: number): string {
  return `${JSON.stringify({ Type: 'container', Action: action, Actor: { ID: id, Attributes: {} }, time: Math.floor(timeNano / 1e9), timeNano })}\n`;
}

describe('live engine', () => {
  let docker: FakeDocker;
  let fetcher: FakeFetcher;
  let model: ExplorerModel;
  let live: LiveEngine;

  beforeEach(() => {
    mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
    docker = new FakeDocker();
    fetcher = new FakeFetcher();
    model = new ExplorerModel();
    live = new LiveEngine(docker as unknown as Docker, model, {
      endpoint: '/var/run/docker.sock',
      contextName: 'default',
      fetcher,
      initialRetryMs: 500,
      maxRetryMs: 4000,
      pollMs: 15_000,
      volumeSizeEveryMs: Number.POSITIVE_INFINITY,
    });
  });

  afterEach(() => {
    live.dispose();
    mock.timers.reset();
  });

  test('live engine: lists once, patches per event, reconnects with backoff resuming from the last event, then re-lists', async () => {
    fetcher.set('c1', 'created');
    await live.start();
    assert.equal(stateOf(model).kind, 'connected');
    assert.deepEqual(fetcher.calls.sort(), ['list container', 'list image', 'list network', 'list volume']);
    assert.equal(docker.eventOptions[0]?.since, undefined, 'the first stream starts from now');

    fetcher.calls = [];
    fetcher.set('c1', 'running');
    docker.streams[0].write(event('c1', 'start', 1_700_000_000_123_456_768));
    await drain();
    await live.idle();
    assert.deepEqual(fetcher.calls, ['fetch container c1']);
    assert.equal(model.containers.get('c1')?.State, 'running');

    // The engine goes away: the stream ends, the retry finds it refusing, the views turn unreachable.
    docker.up = false;
    docker.streams[0].end();
    await drain();
    assert.equal(docker.versionCalls, 1);
    mock.timers.tick(500);
    await drain();
    assert.equal(docker.versionCalls, 2);
    const down = stateOf(model);
    assert.equal(down.kind, 'unreachable');
    assert.match(down.kind === 'unreachable' ? down.reason : '', /refused the connection: it is not running/);
    assert.equal(down.kind === 'unreachable' && down.problem, 'notRunning');

    // Backoff: next attempts after 1 s, then 2 s.
    mock.timers.tick(999);
    await drain();
    assert.equal(docker.versionCalls, 2);
    mock.timers.tick(1);
    await drain();
    assert.equal(docker.versionCalls, 3);

    docker.up = true;
    fetcher.calls = [];
    mock.timers.tick(2000);
    await drain();
    await live.idle();
    assert.equal(docker.versionCalls, 4);
    assert.equal(stateOf(model).kind, 'connected');
    assert.equal(String(docker.eventOptions.at(-1)?.since), '1700000000.123455000', 'resumes from the last event time (one microsecond early)');
    assert.deepEqual(fetcher.calls.sort(), ['list container', 'list image', 'list network', 'list volume'], 'a full re-list after a reconnect');
  });

  test('live engine: without an event stream it lists, polls slowly, and stops polling once the stream is back', async () => {
    docker.streamsFail = true;
    await live.start();
    assert.equal(stateOf(model).kind, 'connected', 'the engine answers, so the views show it');
    const lists = () => fetcher.calls.filter((call) => call === 'list container').length;
    assert.equal(lists(), 1);
    // The stream retry (500 ms) fails again; the poll re-lists at 15 s.
    mock.timers.tick(500);
    await drain();
    mock.timers.tick(1000);
    await drain();
    mock.timers.tick(2000);
    await drain();
    const beforePoll = lists();
    mock.timers.tick(15_000 - 3500);
    await drain();
    assert.ok(lists() > beforePoll, 'the slow poll re-listed');
    docker.streamsFail = false;
    mock.timers.tick(4000);
    await drain();
    await live.idle();
    assert.equal(docker.streams.length, 1, 'the stream is open again');
    const afterReconnect = lists();
    mock.timers.tick(60_000);
    await drain();
    assert.equal(lists(), afterReconnect, 'no more polling once streaming');
  });

  test('live engine: dispose closes the stream and cancels every timer', async () => {
    await live.start();
    const stream = docker.streams[0];
    live.dispose();
    assert.equal(stream.destroyed, true);
    docker.up = false;
    mock.timers.tick(120_000);
    await drain();
    assert.equal(docker.versionCalls, 1, 'no retry after dispose');
  });
});

test('view refreshes are throttled: the first at once, a burst after it once at the end of the interval', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    let clock = 1000;
    let runs = 0;
    const throttle = new Throttle(30, () => runs++, () => clock);
    throttle.request();
    assert.equal(runs, 1, 'an idle view refreshes at once');
    clock += 5;
    throttle.request();
    throttle.request();
    throttle.request();
    assert.equal(runs, 1);
    clock += 25;
    mock.timers.tick(25);
    assert.equal(runs, 2, 'the burst is one refresh at the end of the interval');
    clock += 100;
    throttle.request();
    assert.equal(runs, 3);
    throttle.request();
    throttle.dispose();
    mock.timers.tick(100);
    assert.equal(runs, 3, 'nothing runs after dispose');
  } finally {
    mock.timers.reset();
  }
});
