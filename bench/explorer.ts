/**
 * Explorer benchmark on the real engine with 1,000 labelled containers (created, never started, removed at the end):
 *  1. full list into the tree model vs the raw API call (the floor) vs the CLI way, alternated: medians, ratios;
 *  2. change → tree-model-updated latency over 200 lifecycle changes (pause/unpause): p50/p95/max, and p50 / CLI re-list;
 *  3. heap growth with 1,000 containers in the model.
 * Run: npm run bench:explorer   (COUNT=1000 CHANGES=200 ROUNDS=15 to change the sizes)
 */
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import { performance } from 'node:perf_hooks';
import Docker from 'dockerode';
import { EngineFetcher } from '../src/engine/fetcher';
import { LiveEngine } from '../src/engine/liveEngine';
import { ExplorerModel } from '../src/explorer/model';
import type { ResourceKind, ResourceTypes } from '../src/explorer/resources';
import { defaultViewSettings, viewRoots } from '../src/explorer/views';
import { ensureEngine, TEST_IMAGE, testLabels } from '../test/support/engine';

const count = Number(process.env.COUNT ?? 1000);
const changes = Number(process.env.CHANGES ?? 200);
const rounds = Number(process.env.ROUNDS ?? 25);
const runLabel = `dockside.bench=${process.pid}-${Date.now().toString(36)}`;
const [benchKey, benchValue] = runLabel.split('=');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (value: number) => `${value.toFixed(2)} ms`;

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<unknown>): Promise<void> {
  for (let index = 0; index < items.length; index += size) {
    await Promise.all(items.slice(index, index + size).map(run));
  }
}

async function removeOurs(docker: Docker): Promise<number> {
  const ours = await docker.listContainers({ all: true, filters: { label: [runLabel] } });
  await inBatches(ours, 16, (container) => docker.getContainer(container.Id).remove({ force: true }).catch(() => undefined));
  return ours.length;
}

/** The floor: one raw GET /containers/json?all=1 on the socket, body parsed. */
function rawList(): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request({ socketPath: '/var/run/docker.sock', path: '/containers/json?all=1', method: 'GET' }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve((JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown[]).length));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

/** Container Tools' way: spawn the CLI, parse one JSON object per line. */
function cliList(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('docker', ['container', 'ls', '--all', '--no-trunc', '--format', '{{json .}}']);
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`docker container ls exited with ${code}`));
        return;
      }
      const lines = Buffer.concat(chunks).toString('utf8').split('\n').filter(Boolean);
      resolve(lines.map((line) => JSON.parse(line) as unknown).length);
    });
  });
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

function gcHeap(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

async function main(): Promise<void> {
  const docker = await ensureEngine();
  const present = (await docker.listContainers({ all: true })).length;
  console.log(`Engine ${(await docker.version()).Version}; ${present} containers before; creating ${count} labelled containers…`);
  let cleaned = false;
  const cleanup = async () => {
    if (!cleaned) {
      cleaned = true;
      const removed = await removeOurs(docker);
      console.log(`Removed the ${removed} containers this run created.`);
    }
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    const started = performance.now();
    await inBatches([...Array(count).keys()], 16, (index) =>
      docker.createContainer({
        Image: TEST_IMAGE,
        name: `dockside-bench-${benchValue}-${index}`,
        Cmd: ['sleep', '3600'],
        Labels: { ...testLabels, [benchKey]: benchValue },
        HostConfig: { NetworkMode: 'none' },
      }),
    );
    console.log(`Created in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);

    // 1. Full list, alternated.
    const fetcher = new EngineFetcher(docker);
    const listModel = new ExplorerModel();
    listModel.setState({ kind: 'connected', endpoint: 'bench', contextName: 'default', version: '', apiVersion: '' });
    const samples = { raw: [] as number[], model: [] as number[], tree: [] as number[], cli: [] as number[] };
    const ways: Array<[keyof typeof samples, () => Promise<unknown>]> = [
      ['raw', rawList],
      ['model', async () => listModel.containers.replaceAll(await fetcher.list('container'))],
      [
        'tree',
        async () => {
          listModel.containers.replaceAll(await fetcher.list('container'));
          viewRoots(listModel, 'container', defaultViewSettings);
        },
      ],
      ['cli', cliList],
    ];
    for (let round = 0; round < rounds + 2; round++) {
      // Alternated, and the order rotated every round so no way always follows the same one.
      for (let step = 0; step < ways.length; step++) {
        const [name, run] = ways[(round + step) % ways.length];
        const elapsed = await timed(run);
        if (round >= 2) {
          samples[name].push(elapsed);
        }
      }
    }
    const floor = median(samples.raw);
    console.log(`1. Full list of ${listModel.containers.size} containers (${rounds} alternated rounds, medians)`);
    console.table([
      { way: 'raw GET /containers/json?all=1 (floor)', median: ms(floor), 'vs raw': '1.00×' },
      { way: 'Dockside engine layer → tree model', median: ms(median(samples.model)), 'vs raw': `${(median(samples.model) / floor).toFixed(2)}×` },
      { way: 'Dockside → model + tree nodes built', median: ms(median(samples.tree)), 'vs raw': `${(median(samples.tree) / floor).toFixed(2)}×` },
      { way: 'docker container ls --format json (CLI)', median: ms(median(samples.cli)), 'vs raw': `${(median(samples.cli) / floor).toFixed(2)}×` },
    ]);

    // 3. Heap with 1,000 containers in the model (and the tree built once).
    listModel.dispose();
    const before = gcHeap();
    const heapModel = new ExplorerModel();
    heapModel.setState({ kind: 'connected', endpoint: 'bench', contextName: 'default', version: '', apiVersion: '' });
    heapModel.containers.replaceAll(await fetcher.list('container'));
    const roots = viewRoots(heapModel, 'container', defaultViewSettings);
    const after = gcHeap();
    const heapLine = `${((after - before) / 1024 / 1024).toFixed(2)} MB for ${heapModel.containers.size} containers in the model + ${roots.length} root nodes (${(after - before) / heapModel.containers.size / 1024 < 10 ? ((after - before) / heapModel.containers.size / 1024).toFixed(2) : ((after - before) / heapModel.containers.size / 1024).toFixed(0)} kB each)${(globalThis as { gc?: unknown }).gc ? '' : ' (run with --expose-gc for exact figures)'}`;
    heapModel.dispose();

    // 2. Change → model latency. The model shows a lifecycle change from its event at once, then holds the
    // engine's re-read of the container: both are timed (the re-read through a fetcher that notes when it answered).
    const now = () => performance.timeOrigin + performance.now();
    const reread = new Map<string, number>();
    class TimedFetcher extends EngineFetcher {
      override async fetch<K extends ResourceKind>(kind: K, key: string): Promise<ResourceTypes[K] | undefined> {
        const value = await super.fetch(kind, key);
        const state = (value as { State?: string } | undefined)?.State;
        if (state) {
          reread.set(`${key}:${state}`, now());
        }
        return value;
      }
    }
    const model = new ExplorerModel();
    const live = new LiveEngine(docker, model, { endpoint: 'bench', contextName: 'default', fetcher: new TimedFetcher(docker) });
    await live.start();
    const ours = (await docker.listContainers({ all: true, filters: { label: [runLabel] } })).slice(0, 10);
    await Promise.all(ours.map((container) => docker.getContainer(container.Id).start()));
    await live.idle();
    const eventTimes = new Map<string, number>();
    live.onEvent((event) => {
      if (event.Type === 'container' && (event.Action === 'pause' || event.Action === 'unpause')) {
        eventTimes.set(`${event.Actor.ID}:${event.Action}`, event.timeNano / 1e6);
      }
    });
    const shownFromEvent: number[] = [];
    const confirmedFromEvent: number[] = [];
    const shownFromReturn: number[] = [];
    for (let index = 0; index < changes; index++) {
      const container = ours[index % ours.length];
      const pause = Math.floor(index / ours.length) % 2 === 0;
      const expected = pause ? 'paused' : 'running';
      reread.delete(`${container.Id}:${expected}`);
      const shown = new Promise<number>((resolve) => {
        const subscription = model.containers.onDidChange(() => {
          if (model.containers.get(container.Id)?.State === expected) {
            subscription.dispose();
            resolve(now());
          }
        });
      });
      const handle = docker.getContainer(container.Id);
      await (pause ? handle.pause() : handle.unpause());
      const returned = now();
      const shownAt = await shown;
      await live.idle();
      const confirmedAt = reread.get(`${container.Id}:${expected}`) ?? Number.NaN;
      const eventAt = eventTimes.get(`${container.Id}:${pause ? 'pause' : 'unpause'}`) ?? returned;
      shownFromEvent.push(Math.max(0, shownAt - eventAt));
      confirmedFromEvent.push(Math.max(0, confirmedAt - eventAt));
      shownFromReturn.push(Math.max(0, shownAt - returned));
    }
    const cliRelist = median(samples.cli);
    const row = (what: string, values: number[]) => ({
      what,
      p50: ms(percentile(values, 50)),
      p95: ms(percentile(values, 95)),
      max: ms(Math.max(...values)),
      'p50 / CLI re-list': (percentile(values, 50) / cliRelist).toFixed(3),
    });
    console.log(`\n2. Change → tree model updated, ${changes} pause/unpause changes with ${model.containers.size} containers present`);
    console.table([
      row('shown, from the engine event time', shownFromEvent),
      row('engine re-read in model, from event time', confirmedFromEvent),
      row('shown, from the API call returning', shownFromReturn),
    ]);
    console.log(`   one full CLI re-list (median above): ${ms(cliRelist)}`);
    console.log(`\n3. Heap growth: ${heapLine}`);
    live.dispose();
    model.dispose();
  } finally {
    await cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
