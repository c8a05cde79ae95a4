import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import type Docker from 'dockerode';
import { isAnswer, watchAnswers } from '../../src/engine/answerWatch';
import { deadlineError, withDeadline } from '../../src/engine/deadline';
import type { ResourceFetcher } from '../../src/engine/fetcher';
import { LiveEngine } from '../../src/engine/liveEngine';
import { EngineState, ExplorerModel } from '../../src/explorer/model';
import type { ResourceKind, ResourceTypes } from '../../src/explorer/resources';
import { statusBarText } from '../../src/views/engineStatusText';

/** An engine that can be up, down (refusing) or frozen (accepting, never answering). */
class FaultyDocker {
  mode: 'up' | 'down' | 'frozen' = 'up';
  versionCalls = 0;
  pings = 0;
  streams: PassThrough[] = [];
  /** Signals of the requests made while frozen: each must be aborted by its deadline. */
  hung: AbortSignal[] = [];

  private answer<T>(value: T, options?: { abortSignal?: AbortSignal }): Promise<T> {
    if (this.mode === 'down') {
      return Promise.reject(Object.assign(new Error('connect ECONNREFUSED /run/docker.sock'), { code: 'ECONNREFUSED' }));
    }
    if (this.mode === 'frozen') {
      if (options?.abortSignal) {
        this.hung.push(options.abortSignal);
      }
      return new Promise(() => undefined);
    }
    return Promise.resolve(value);
  }

  version(options?: { abortSignal?: AbortSignal }) {
    this.versionCalls++;
    return this.answer({ Version: '20.10.24', ApiVersion: '1.41' }, options);
  }

  ping(options?: { abortSignal?: AbortSignal }) {
    this.pings++;
    return this.answer('OK', options);
  }

  async getEvents() {
    await this.answer(undefined);
    const stream = new PassThrough();
    this.streams.push(stream);
    return stream;
  }
}

/** Lists follow the fake engine's mode: a frozen engine's list fails at its deadline, as EngineFetcher's does. */
class FaultyFetcher implements ResourceFetcher {
  constructor(private readonly docker: FaultyDocker) {}

  async list<K extends ResourceKind>(): Promise<Array<ResourceTypes[K]>> {
    if (this.docker.mode === 'frozen') {
      return withDeadline(8000, 'the container list', () => new Promise<Array<ResourceTypes[K]>>(() => undefined));
    }
    if (this.docker.mode === 'down') {
      throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    }
    return [];
  }

  async fetch<K extends ResourceKind>(): Promise<ResourceTypes[K] | undefined> {
    return undefined;
  }

  async volumeSizes(): Promise<Map<string, number>> {
    return new Map();
  }
}

async function drain(): Promise<void> {
  for (let index = 0; index < 20; index++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function stateOf(model: ExplorerModel): EngineState {
  return model.state;
}

/** Advances the fake clock in steps, letting promises run between them; returns the milliseconds it took for `done`. */
async function ticksUntil(done: () => boolean, limitMs: number, stepMs = 50): Promise<number> {
  let elapsed = 0;
  while (!done() && elapsed < limitMs) {
    mock.timers.tick(stepMs);
    elapsed += stepMs;
    await drain();
  }
  return elapsed;
}

describe('an engine that vanishes or freezes', () => {
  let docker: FaultyDocker;
  let model: ExplorerModel;
  let live: LiveEngine;

  beforeEach(() => {
    mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
    docker = new FaultyDocker();
    model = new ExplorerModel();
    // The defaults of the extension: only what the test cannot do without is set.
    live = new LiveEngine(docker as unknown as Docker, model, {
      endpoint: '/run/docker.sock',
      contextName: 'default',
      fetcher: new FaultyFetcher(docker),
      volumeSizeEveryMs: Number.POSITIVE_INFINITY,
    });
  });

  afterEach(() => {
    live.dispose();
    mock.timers.reset();
  });

  for (const outageMs of [20_000, 45_000, 600_000]) {
    test(`after a ${outageMs / 1000} s outage the views reconnect within a second of the engine answering`, async () => {
      await live.start();
      docker.mode = 'down';
      docker.streams[0].end();
      await drain();
      await ticksUntil(() => stateOf(model).kind === 'unreachable', 2000);
      assert.equal(stateOf(model).kind, 'unreachable');
      await ticksUntil(() => false, outageMs, 250);
      docker.mode = 'up';
      const took = await ticksUntil(() => stateOf(model).kind === 'connected', 30_000);
      assert.equal(stateOf(model).kind, 'connected');
      assert.ok(took <= 1000, `reconnected ${took} ms after the engine answered (the backoff must stay at or under 1 s)`);
    });
  }

  test('a view opened (or any request answered) while the engine is away retries at once', async () => {
    await live.start();
    docker.mode = 'down';
    docker.streams[0].end();
    await drain();
    await ticksUntil(() => false, 10_000, 250);
    docker.mode = 'up';
    const callsBefore = docker.versionCalls;
    live.wake();
    await drain();
    assert.equal(docker.versionCalls, callsBefore + 1, 'one attempt now, without any time passing');
    assert.equal(stateOf(model).kind, 'connected');
  });

  test('wake while connected and streaming does nothing', async () => {
    await live.start();
    const calls = docker.versionCalls;
    live.wake();
    await drain();
    assert.equal(docker.versionCalls, calls);
  });

  test('a frozen engine behind a silent stream shows as not answering, then recovers by itself', async () => {
    await live.start();
    assert.equal(stateOf(model).kind, 'connected');
    docker.mode = 'frozen';
    const took = await ticksUntil(() => stateOf(model).kind !== 'connected', 30_000, 250);
    const frozen = stateOf(model);
    assert.equal(frozen.kind, 'unreachable');
    assert.equal(frozen.kind === 'unreachable' && frozen.problem, 'timeout');
    assert.ok(docker.pings > 0, 'the silent stream was checked with a ping');
    assert.ok(took <= 15_000, `noticed within ${took} ms`);
    assert.match(statusBarText(frozen).text, /Docker not answering/);
    assert.ok(docker.streams[0].destroyed, 'the stale stream is closed');
    assert.ok(docker.hung.length > 0 && docker.hung.every((signal) => signal.aborted), 'every request to the frozen engine was torn down at its deadline');

    docker.mode = 'up';
    const back = await ticksUntil(() => stateOf(model).kind === 'connected', 30_000);
    assert.ok(back <= 1000, `recovered ${back} ms after it answered`);
    assert.equal(docker.streams.length, 2, 'a fresh event stream');
  });

  test('a stream that carries events is not pinged', async () => {
    await live.start();
    for (let second = 0; second < 30; second++) {
      docker.streams[0].write(`${JSON.stringify({ Type: 'network', Action: 'create', Actor: { ID: `n${second}` }, time: 1, timeNano: 1e9 })}\n`);
      mock.timers.tick(1000);
      await drain();
    }
    assert.equal(docker.pings, 0);
  });

  test('Refresh on an engine that froze unseen ends at the list deadline with "not answering", not after a minute', async () => {
    await live.start();
    docker.mode = 'frozen';
    let refreshed = false;
    void live.refresh().then(() => (refreshed = true));
    const took = await ticksUntil(() => refreshed, 60_000, 250);
    assert.ok(refreshed && took <= 8_500, `Refresh ended after ${took} ms`);
    const state = stateOf(model);
    assert.equal(state.kind === 'unreachable' && state.problem, 'timeout');
  });

  test('an engine frozen at connection time is not answering after the probe deadline', async () => {
    docker.mode = 'frozen';
    void live.start();
    const took = await ticksUntil(() => stateOf(model).kind === 'unreachable', 30_000, 250);
    assert.ok(took <= 5_000, `after ${took} ms`);
    const state = stateOf(model);
    assert.equal(state.kind === 'unreachable' && state.problem, 'timeout');
    assert.match(state.kind === 'unreachable' ? state.reason : '', /did not answer in time/);
  });
});

test('the engine answered: any HTTP status counts, a refused or timed-out connection does not', () => {
  assert.equal(isAnswer(undefined), true);
  assert.equal(isAnswer(Object.assign(new Error('no such container'), { statusCode: 404 })), true);
  assert.equal(isAnswer(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })), false);
  assert.equal(isAnswer(deadlineError(5000)), false);
});

test('watchAnswers sees every request of a client answered, and stops watching when undone', async () => {
  const outcomes: Array<[unknown, unknown]> = [[null, 'OK'], [Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }), undefined], [Object.assign(new Error('conflict'), { statusCode: 409 }), undefined]];
  const modem = {
    dial(_options: unknown, callback: (error: unknown, data?: unknown) => void) {
      const [error, data] = outcomes.shift() ?? [null, 'OK'];
      callback(error, data);
    },
  };
  let answers = 0;
  const received: unknown[] = [];
  const undo = watchAnswers({ modem } as unknown as Docker, () => answers++);
  for (let call = 0; call < 3; call++) {
    modem.dial({}, (error, data) => received.push(error ?? data));
  }
  assert.equal(answers, 2, 'a success and a 409 are answers, a refused connection is not');
  assert.equal(received.length, 3, 'callers still get every outcome');
  undo();
  modem.dial({}, () => undefined);
  assert.equal(answers, 2);
});

test('withDeadline rejects at the deadline and aborts the request', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    let signal: AbortSignal | undefined;
    const outcome = withDeadline(3000, 'a ping', (abortSignal) => {
      signal = abortSignal;
      return new Promise(() => undefined);
    }).catch((error: unknown) => error);
    mock.timers.tick(2999);
    assert.equal(signal?.aborted, false);
    mock.timers.tick(1);
    const error = await outcome;
    assert.equal((error as { code?: string }).code, 'ETIMEDOUT');
    assert.match((error as Error).message, /did not answer a ping within 3 s/);
    assert.equal(signal?.aborted, true);
  } finally {
    mock.timers.reset();
  }
});
