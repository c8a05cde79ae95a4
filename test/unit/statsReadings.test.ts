import assert from 'node:assert/strict';
import { test } from 'node:test';
import type Docker from 'dockerode';
import { sumPoint } from '../../src/stats/aggregate';
import type { EngineStats } from '../../src/stats/engineStats';
import { StatsHistory } from '../../src/stats/history';
import type { StatsPoint } from '../../src/stats/protocol';
import { scopeContainers } from '../../src/stats/scope';
import { StatsReadings } from '../../src/stats/statsReadings';
import type { OpenStatsStream } from '../../src/stats/statsStream';

/** Streams the test drives by hand: `send` a sample, `end` the stream; which are open is visible. */
function fakeStreams() {
  const open = new Map<string, { onSample: (sample: EngineStats) => void; onEnd: () => void }>();
  const opener: OpenStatsStream = (id, onSample, onEnd) => {
    open.set(id, { onSample, onEnd });
    return { close: () => open.delete(id) };
  };
  return { open, opener };
}

const sample = (seconds: number, txBytes: number, extra: Partial<EngineStats> = {}): EngineStats => ({
  read: new Date(Date.UTC(2026, 0, 1, 0, 0, seconds)).toISOString(),
  memory_stats: { usage: 1000, limit: 4000, stats: { inactive_file: 200 } },
  networks: { eth0: { rx_bytes: 0, tx_bytes: txBytes } },
  pids_stats: { current: 2 },
  ...extra,
});

test('readings: a stream per watched container, rates from consecutive samples, closed when unwatched', () => {
  const { open, opener } = fakeStreams();
  let now = 0;
  const readings = new StatsReadings(opener, () => now);
  readings.watch([{ id: 'a', name: 'web' }, { id: 'b', name: 'db' }]);
  assert.deepEqual([...open.keys()], ['a', 'b']);
  open.get('a')?.onSample(sample(0, 1000));
  open.get('a')?.onSample(sample(2, 5000));
  const [reading] = readings.readings();
  assert.equal(reading.name, 'web');
  assert.equal(reading.rates.netTxPerSec, 2000);
  assert.equal(reading.figures.memoryUsed, 800);
  readings.watch([{ id: 'b', name: 'db' }]);
  assert.deepEqual([...open.keys()], ['b']);
  assert.deepEqual(readings.readings(), []);
  now = 10_000;
  open.get('b')?.onSample(sample(3, 0));
  now = 16_000;
  assert.deepEqual(readings.readings(), [], 'a reading older than 5 s is not shown');
  readings.dispose();
  assert.equal(open.size, 0);
});

test('readings: an ended stream or a zero-time sample (container stopped) drops the container; watch reopens', () => {
  const { open, opener } = fakeStreams();
  const readings = new StatsReadings(opener, () => 0);
  readings.watch([{ id: 'a', name: 'web' }]);
  open.get('a')?.onSample({ read: '0001-01-01T00:00:00Z' });
  assert.equal(readings.watched, 0);
  assert.equal(open.size, 0);
  readings.watch([{ id: 'a', name: 'web' }]);
  assert.equal(readings.watched, 1);
  open.get('a')?.onEnd();
  assert.equal(readings.watched, 0);
});

test('history keeps only the window', () => {
  const history = new StatsHistory(10);
  const point = (t: number) => ({ ...sumPoint([], 0), t }) as StatsPoint;
  for (let t = 0; t < 100; t++) history.push(point(t));
  assert.equal(history.length, 11);
  assert.deepEqual(history.all().map((p) => p.t).slice(0, 2), [89, 90]);
  history.setWindow(3);
  history.push(point(100));
  assert.deepEqual(history.all().map((p) => p.t), [97, 98, 99, 100]);
});

test('the point of several containers sums them; the memory limit is capped at the largest (shared host memory)', () => {
  const { open, opener } = fakeStreams();
  const readings = new StatsReadings(opener, () => 0);
  readings.watch([{ id: 'a', name: 'a' }, { id: 'b', name: 'b' }]);
  open.get('a')?.onSample(sample(0, 0));
  open.get('b')?.onSample(sample(0, 0, { memory_stats: { usage: 500, limit: 1000, stats: {} } }));
  const point = sumPoint(readings.readings(), 5000);
  assert.equal(point.t, 5);
  assert.equal(point.memoryUsed, 800 + 500);
  assert.equal(point.memoryCache, 200);
  assert.equal(point.memoryLimit, 4000);
  assert.equal(point.pids, 4);
});

test('scopes: a container, a Compose project or the engine, running containers only', () => {
  const container = (id: string, state: string, project?: string) =>
    ({ Id: id, Names: [`/${id}`], State: state, Labels: project ? { 'com.docker.compose.project': project } : {} }) as unknown as Docker.ContainerInfo;
  const all = [container('a', 'running', 'shop'), container('b', 'exited', 'shop'), container('c', 'running')];
  assert.deepEqual(scopeContainers({ kind: 'engine' }, all).map((c) => c.id), ['a', 'c']);
  assert.deepEqual(scopeContainers({ kind: 'composeProject', name: 'shop' }, all).map((c) => c.id), ['a']);
  assert.deepEqual(scopeContainers({ kind: 'container', id: 'b', name: 'b' }, all), []);
  assert.deepEqual(scopeContainers({ kind: 'container', id: 'c', name: 'c' }, all), [{ id: 'c', name: 'c' }]);
});
