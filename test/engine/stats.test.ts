import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Docker from 'dockerode';
import { cliTexts } from '../../src/stats/cliFormat';
import type { EngineStats } from '../../src/stats/engineStats';
import { statsFigures } from '../../src/stats/figures';
import { StatsReadings } from '../../src/stats/statsReadings';
import { engineStatsStream } from '../../src/stats/statsStream';
import { engineSocketPath, ensureEngine, TEST_IMAGE, testLabels } from '../support/engine';
import { cliStats, dockerCliPresent, StatsReplay } from '../support/statsReplay';
import { waitFor } from '../support/waitFor';

const fixtures = path.join(__dirname, '..', 'unit', 'fixtures', 'stats');
const recorded = JSON.parse(fs.readFileSync(path.join(fixtures, 'cgroup-v2-documented.json'), 'utf8')) as EngineStats;

/** A recorded sample with other figures put in: the edges of the CLI's formats and formulas. */
function variant(change: (sample: EngineStats) => void): EngineStats {
  const sample = structuredClone(recorded);
  change(sample);
  return sample;
}

const variants: Record<string, EngineStats> = {
  'no online_cpus (older engine): percpu_usage counts': variant((s) => {
    delete s.cpu_stats!.online_cpus;
    s.cpu_stats!.cpu_usage!.percpu_usage = [1, 2, 3];
  }),
  'no previous read': variant((s) => (s.precpu_stats = {})),
  'CPU went backwards': variant((s) => (s.precpu_stats!.cpu_usage!.total_usage = 9e12)),
  'sizes at unit edges': variant((s) => {
    s.memory_stats = { usage: 1024 * 1024 - 1, limit: Math.round(1024 ** 3 * 1023.99), stats: { inactive_file: 0 } };
    s.networks = { eth0: { rx_bytes: 999_700, tx_bytes: 999 } };
    s.blkio_stats = { io_service_bytes_recursive: [{ op: 'Read', value: 1_000_000 }, { op: 'Write', value: 999_999_999 }, { op: 'Total', value: 5 }, { op: '', value: 7 }] };
  }),
  'cache not below usage (v1)': variant((s) => (s.memory_stats = { usage: 4096, limit: 8192, stats: { total_inactive_file: 4096, inactive_file: 1024 } })),
  'no limit': variant((s) => (s.memory_stats = { usage: 4096, stats: {} })),
  'empty sample': {},
};

describe('stats figures against the Docker CLI', { skip: !dockerCliPresent() && 'the Docker CLI is not installed' }, () => {
  test('for samples with edge figures, our texts equal what docker stats prints for the same sample', async () => {
    const names = Object.keys(variants);
    const replay = await StatsReplay.start(Object.fromEntries(names.map((name, index) => [`sample${index}`, variants[name]])));
    try {
      const printed = await cliStats(replay.host, names.map((_, index) => `sample${index}`));
      assert.equal(printed.length, names.length);
      names.forEach((name, index) => {
        const { CPUPerc, MemUsage, MemPerc, NetIO, BlockIO, PIDs } = printed[index];
        assert.deepEqual(cliTexts(statsFigures(variants[name])), { CPUPerc, MemUsage, MemPerc, NetIO, BlockIO, PIDs }, name);
      });
      assert.deepEqual(replay.unexpected, []);
    } finally {
      await replay.stop();
    }
  });
});

/** "31.8MiB" → bytes. */
function parseBinarySize(text: string): number {
  const match = /^([\d.e+]+)(B|KiB|MiB|GiB|TiB)$/.exec(text.trim());
  assert.ok(match, `a size: ${text}`);
  return Number(match[1]) * 1024 ** ['B', 'KiB', 'MiB', 'GiB', 'TiB'].indexOf(match[2]);
}

describe('stats streamed from the engine', () => {
  let docker: Docker;
  const containers: Docker.Container[] = [];

  before(async () => {
    docker = await ensureEngine();
    for (let index = 0; index < 3; index++) {
      const container = await docker.createContainer({
        Image: TEST_IMAGE,
        Cmd: ['sh', '-c', index === 0 ? 'dd if=/dev/zero of=/tmp/fill bs=1M count=8 2>/dev/null; sleep 300' : 'sleep 300'],
        Labels: { ...testLabels },
        HostConfig: { NetworkMode: 'none', Memory: 64 * 1024 * 1024 },
      });
      containers.push(container);
      await container.start();
    }
  });

  after(async () => {
    await Promise.all(containers.map((container) => container.remove({ force: true }).catch(() => undefined)));
  });

  test('readings arrive for every watched container, with the limit set and a PID; closing stops them', async () => {
    const readings = new StatsReadings(engineStatsStream(docker));
    try {
      readings.watch(containers.map((container, index) => ({ id: container.id, name: `c${index}` })));
      const got = await waitFor(() => readings.readings(), (list) => list.length === 3, 'a reading of each container', 20_000);
      for (const reading of got) {
        assert.equal(reading.figures.memoryLimit, 64 * 1024 * 1024);
        assert.ok(reading.figures.pids >= 1);
        assert.ok(reading.figures.memoryUsed > 0 && reading.figures.memoryUsed < reading.figures.memoryLimit);
      }
      readings.watch(containers.slice(0, 1).map((container) => ({ id: container.id, name: 'only' })));
      assert.equal(readings.watched, 1);
      assert.deepEqual(readings.readings().map((reading) => reading.name), ['only']);
    } finally {
      readings.dispose();
    }
    assert.equal(readings.watched, 0);
  });

  test('a stopped container ends its stream and leaves the readings', async () => {
    const readings = new StatsReadings(engineStatsStream(docker));
    try {
      const last = containers[2];
      readings.watch([{ id: last.id, name: 'last' }]);
      await waitFor(() => readings.readings().length, (count) => count === 1, 'a first reading', 20_000);
      await last.kill();
      await waitFor(() => readings.watched, (count) => count === 0, 'the stream to end', 20_000);
    } finally {
      readings.dispose();
    }
  });

  test('live: memory, limit and PIDs agree with docker stats within its rounding', { skip: !dockerCliPresent() && 'the Docker CLI is not installed' }, async () => {
    const container = containers[0];
    const readings = new StatsReadings(engineStatsStream(docker));
    try {
      readings.watch([{ id: container.id, name: 'c0' }]);
      const ours = (await waitFor(() => readings.reading(container.id), (reading) => reading !== undefined, 'a reading', 20_000))!;
      const host = `unix://${engineSocketPath(docker)}`;
      const [printed] = await cliStats(host, [container.id]);
      const [used, limit] = printed.MemUsage.split(' / ').map(parseBinarySize);
      const texts = cliTexts(ours.figures);
      assert.equal(texts.MemUsage.split(' / ')[1], printed.MemUsage.split(' / ')[1], 'the limit');
      assert.equal(limit, 64 * 1024 * 1024);
      // A sleeping container's memory barely moves between the two reads: within 2 % (the CLI prints 4 digits).
      assert.ok(Math.abs(used - ours.figures.memoryUsed) / used < 0.02, `${printed.MemUsage} vs ${texts.MemUsage}`);
      assert.equal(texts.PIDs, printed.PIDs);
      // Both CPU figures of a sleeping container are near zero.
      assert.ok(Math.abs(Number.parseFloat(printed.CPUPerc) - ours.figures.cpuPercent) < 2, `${printed.CPUPerc} vs ${texts.CPUPerc}`);
    } finally {
      readings.dispose();
    }
  });
});
