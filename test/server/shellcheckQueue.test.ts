import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ShellcheckQueue } from '../../server/dockerfile/diagnostics/shellcheckQueue';

/** A job that records its start and finishes when told (or when aborted). */
function controllable(log: string[], name: string) {
  let finish: () => void = () => undefined;
  const job = (signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      log.push(`start ${name}`);
      finish = () => {
        log.push(`end ${name}`);
        resolve();
      };
      signal.addEventListener('abort', () => {
        log.push(`abort ${name}`);
        resolve();
      });
    });
  return { job, finish: () => finish() };
}

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    assert.ok(Date.now() < deadline, 'condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

test('jobs wait for quiet, run one at a time, and a newer job for a document replaces or aborts the older one', async () => {
  const log: string[] = [];
  const queue = new ShellcheckQueue(() => undefined, 50);
  const a1 = controllable(log, 'a1');
  const a2 = controllable(log, 'a2');
  const b = controllable(log, 'b');
  const a3 = controllable(log, 'a3');
  queue.schedule('a', a1.job);
  queue.schedule('a', a2.job); // replaces a1 before it started
  queue.schedule('b', b.job);
  assert.deepEqual([...log], [], 'nothing starts before the quiet period');
  await until(() => log.length > 0);
  assert.deepEqual([...log], ['start a2'], 'one job at a time, the waiting a1 dropped');
  queue.schedule('a', a3.job); // a2 is running: aborted
  await until(() => log.includes('start b'));
  assert.deepEqual([...log], ['start a2', 'abort a2', 'start b']);
  b.finish();
  await until(() => log.includes('start a3'));
  queue.dispose();
  await until(() => log.includes('abort a3'));
  assert.deepEqual([...log], ['start a2', 'abort a2', 'start b', 'end b', 'start a3', 'abort a3']);
  await until(() => !queue.busy);
});

test('cancel drops a waiting job and aborts a running one; a failing job is reported and the next one runs', async () => {
  const log: string[] = [];
  const errors: unknown[] = [];
  const queue = new ShellcheckQueue((error) => errors.push(error), 0);
  queue.schedule('x', () => Promise.reject(new Error('boom')));
  const y = controllable(log, 'y');
  queue.schedule('y', y.job);
  await until(() => log.includes('start y'));
  assert.deepEqual(errors.map((error) => (error as Error).message), ['boom']);
  queue.cancel('y');
  await until(() => log.includes('abort y'));
  const z = controllable(log, 'z');
  queue.schedule('z', z.job);
  queue.cancel('z');
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.deepEqual([...log], ['start y', 'abort y'], 'z never started');
  queue.dispose();
});
