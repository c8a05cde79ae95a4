import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EngineListFeed } from '../../src/language/engineListFeed';

test('a refresh sends the list read from the engine', async () => {
  const sent: string[][] = [];
  const feed = new EngineListFeed(
    () => 'engine-a',
    async (engine) => [`${engine}/alpine`],
    (list) => sent.push(list),
  );
  await feed.refresh();
  assert.deepEqual(sent, [['engine-a/alpine']]);
});

test('nothing is sent without an engine, for an engine replaced meanwhile, or when reading fails', async () => {
  const sent: string[][] = [];
  let current: string | undefined;
  let read: (engine: string) => Promise<string[]> = async (engine) => [engine];
  const feed = new EngineListFeed(
    () => current,
    (engine) => read(engine),
    (list) => sent.push(list),
  );
  await feed.refresh();
  current = 'engine-a';
  read = async (engine) => {
    current = 'engine-b';
    return [engine];
  };
  await feed.refresh();
  read = async () => {
    throw new Error('connection refused');
  };
  await feed.refresh();
  assert.deepEqual(sent, []);
});

test('a burst of schedules sends once, after it settled; dispose cancels a pending send', async () => {
  let reads = 0;
  const sent: number[][] = [];
  const feed = new EngineListFeed(
    () => 'engine',
    async () => [++reads],
    (list) => sent.push(list),
    20,
  );
  feed.schedule();
  feed.schedule();
  feed.schedule();
  const deadline = Date.now() + 5_000;
  while (sent.length === 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.deepEqual(sent, [[1]]);
  feed.schedule();
  feed.dispose();
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.deepEqual(sent, [[1]], 'no send after dispose');
});
