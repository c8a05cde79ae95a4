import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import type Docker from 'dockerode';
import type { ResourceFetcher } from '../../src/engine/fetcher';
import { PatchQueue } from '../../src/engine/patchQueue';
import { ExplorerModel } from '../../src/explorer/model';
import type { ResourceKind, ResourceTypes, VolumeResource } from '../../src/explorer/resources';

/**
 * A fake engine whose reads can be held on their way back: `hold()` makes the next reads wait until `release()`,
 * answering with what the engine held when they were made (a read that left before a destroy and comes back after).
 */
class HeldFetcher implements ResourceFetcher {
  containers = new Map<string, Docker.ContainerInfo>();
  volumes = new Map<string, VolumeResource>();
  calls: string[] = [];
  private gate: Promise<void> | undefined;
  private open: () => void = () => undefined;

  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.gate = undefined;
    this.open();
  }

  async list<K extends ResourceKind>(kind: K): Promise<Array<ResourceTypes[K]>> {
    this.calls.push(`list ${kind}`);
    const items = kind === 'container' ? [...this.containers.values()] : kind === 'volume' ? [...this.volumes.values()] : [];
    await this.gate;
    return items as Array<ResourceTypes[K]>;
  }

  async fetch<K extends ResourceKind>(kind: K, key: string): Promise<ResourceTypes[K] | undefined> {
    this.calls.push(`fetch ${kind} ${key}`);
    const item = kind === 'container' ? this.containers.get(key) : kind === 'volume' ? this.volumes.get(key) : undefined;
    await this.gate;
    return item as ResourceTypes[K] | undefined;
  }

  async volumeSizes(): Promise<Map<string, number>> {
    return new Map();
  }

  set(id: string, state: string): void {
    this.containers.set(id, { Id: id, Names: [`/${id}`], State: state, Status: state } as Docker.ContainerInfo);
  }
}

async function drain(): Promise<void> {
  for (let index = 0; index < 20; index++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function setUp(): { fetcher: HeldFetcher; model: ExplorerModel; queue: PatchQueue; shown: string[] } {
  const fetcher = new HeldFetcher();
  const model = new ExplorerModel();
  const queue = new PatchQueue(model, fetcher, { schedule: (run) => run() });
  const shown: string[] = [];
  model.containers.onDidChange(() => shown.push(model.containers.get('a')?.State ?? 'gone'));
  return { fetcher, model, queue, shown };
}

/** With a read held out: container `id` is destroyed, then the read comes back, and every patch is applied. */
async function destroyWhileHeld(fetcher: HeldFetcher, queue: PatchQueue, id: string): Promise<void> {
  await drain();
  fetcher.containers.delete(id);
  queue.add({ kind: 'container', key: id, gone: true });
  fetcher.release();
  await drain();
  await queue.idle();
}

test('a destroy is applied at once, without waiting for the read of the die before it', async () => {
  const { fetcher, model, queue, shown } = setUp();
  fetcher.set('a', 'running');
  model.containers.replaceAll([...fetcher.containers.values()]);
  shown.length = 0;
  // A force-remove: the die's read leaves (and the engine is slow to answer it), then the destroy comes.
  fetcher.hold();
  queue.add({ kind: 'container', key: 'a', gone: false, expect: { state: 'running', not: true } });
  await drain();
  fetcher.containers.delete('a');
  queue.add({ kind: 'container', key: 'a', gone: true });
  assert.equal(model.containers.has('a'), false, 'the row goes with the destroy, while the die read is still out');
  fetcher.release();
  await drain();
  await queue.idle();
  assert.deepEqual(shown, ['gone']);
});

test('a stale read of a destroyed container arriving after the destroy does not bring it back', async () => {
  const { fetcher, model, queue, shown } = setUp();
  // The die's read saw the container (exited, as the die implies) before it was removed.
  fetcher.set('a', 'exited');
  fetcher.hold();
  queue.add({ kind: 'container', key: 'a', gone: false, expect: { state: 'running', not: true } });
  await destroyWhileHeld(fetcher, queue, 'a');
  assert.equal(model.containers.has('a'), false);
  assert.ok(!shown.includes('exited'), `the stale read was never shown (shown: ${shown.join(', ')})`);
});

test('a full list that left before a destroy does not bring the destroyed container back', async () => {
  const { fetcher, model, queue } = setUp();
  fetcher.set('a', 'running');
  fetcher.set('b', 'running');
  fetcher.hold();
  queue.requestFullList(['container']);
  await destroyWhileHeld(fetcher, queue, 'a');
  assert.equal(model.containers.has('a'), false, 'the list that predates the destroy does not resurrect it');
  assert.equal(model.containers.get('b')?.State, 'running', 'the rest of that list is shown');
});

test('a read retried while the engine settles does not bring back a container destroyed meanwhile', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const { fetcher, model, queue } = setUp();
    // The list still says running after the die: the read is retried a few milliseconds later.
    fetcher.set('a', 'running');
    queue.add({ kind: 'container', key: 'a', gone: false, expect: { state: 'running', not: true } });
    await drain();
    fetcher.set('a', 'exited');
    queue.add({ kind: 'container', key: 'a', gone: true });
    for (let step = 0; step < 20; step++) {
      mock.timers.tick(250);
      await drain();
    }
    await queue.idle();
    assert.equal(model.containers.has('a'), false);
  } finally {
    mock.timers.reset();
  }
});

test('a volume removed and created again under the same name is shown again', async () => {
  const { fetcher, model, queue } = setUp();
  const volume = { Name: 'data', Driver: 'local', Mountpoint: '/x', Scope: 'local', Labels: {} } as unknown as VolumeResource;
  fetcher.volumes.set('data', volume);
  model.volumes.replaceAll([volume]);
  queue.add({ kind: 'volume', key: 'data', gone: true });
  assert.equal(model.volumes.has('data'), false);
  queue.add({ kind: 'volume', key: 'data', gone: false });
  await drain();
  await queue.idle();
  assert.equal(model.volumes.has('data'), true, 'the create after the destroy is read and shown');
});
