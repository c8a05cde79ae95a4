/**
 * Memory while streaming stats: 50 labelled containers of the test image (`sleep`) are watched for a minute as a
 * stats panel on the whole engine watches them (one `/containers/{id}/stats` stream each, a point a second summed
 * into the chart history, the table rows built each second). The chart window is set short
 * (DOCKSIDE_BENCH_WINDOW_S, default 20 s) so the history is full well within the minute: after that, the heap
 * must not grow. Prints the heap (after a forced GC) every 5 s, the growth from the moment the window filled to
 * the end, samples received, and the history length against the window. Run with `npm run bench:stats`.
 */
import Docker from 'dockerode';
import { statsRow, sumPoint } from '../src/stats/aggregate';
import { StatsHistory } from '../src/stats/history';
import { StatsReadings } from '../src/stats/statsReadings';
import { engineStatsStream } from '../src/stats/statsStream';
import { ensureEngine, TEST_IMAGE, testLabels } from '../test/support/engine';

const containerCount = Number(process.env.DOCKSIDE_BENCH_CONTAINERS ?? 50);
const durationS = Number(process.env.DOCKSIDE_BENCH_SECONDS ?? 60);
const windowS = Number(process.env.DOCKSIDE_BENCH_WINDOW_S ?? 20);

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);

function heapAfterGc(): number {
  global.gc?.();
  return process.memoryUsage().heapUsed;
}

async function main(): Promise<void> {
  if (!global.gc) {
    throw new Error('run with node --expose-gc (npm run bench:stats)');
  }
  const docker = await ensureEngine();
  const containers: Docker.Container[] = [];
  try {
    console.log(`starting ${containerCount} containers of ${TEST_IMAGE}…`);
    for (let index = 0; index < containerCount; index++) {
      const container = await docker.createContainer({
        Image: TEST_IMAGE,
        Cmd: ['sleep', '600'],
        Labels: { ...testLabels, 'dockside.bench': 'stats' },
        HostConfig: { NetworkMode: 'none' },
      });
      containers.push(container);
      await container.start();
    }
    let samples = 0;
    const readings = new StatsReadings(engineStatsStream(docker), () => Date.now(), () => samples++);
    const history = new StatsHistory(windowS);
    const watched = containers.map((container, index) => ({ id: container.id, name: `bench-${index}` }));
    readings.watch(watched);
    let rows = 0;
    const tick = setInterval(() => {
      readings.watch(watched);
      const current = readings.readings();
      if (current.length === 0) return;
      history.push(sumPoint(current, Date.now()));
      rows = current.map(statsRow).length;
    }, 1000);
    const started = Date.now();
    const heap: Array<[number, number]> = [];
    while (Date.now() - started < durationS * 1000) {
      await new Promise((resolve) => setTimeout(resolve, 5000));
      const seconds = Math.round((Date.now() - started) / 1000);
      heap.push([seconds, heapAfterGc()]);
      console.log(`t=${String(seconds).padStart(3)} s  heap ${mb(heap.at(-1)![1])} MB  rows ${rows}/${containerCount}  history ${history.length} points  samples ${samples}`);
    }
    clearInterval(tick);
    readings.dispose();
    const full = heap.find(([seconds]) => seconds >= windowS + 5) ?? heap[0];
    const last = heap.at(-1)!;
    const peak = Math.max(...heap.filter(([seconds]) => seconds >= full[0]).map(([, bytes]) => bytes));
    console.log(`samples received: ${samples} (${(samples / durationS).toFixed(1)}/s for ${containerCount} containers)`);
    console.log(`history: ${history.length} points for a ${windowS} s window`);
    console.log(`heap from t=${full[0]} s (window full) to t=${last[0]} s: ${mb(full[1])} MB → ${mb(last[1])} MB (growth ${mb(last[1] - full[1])} MB, peak ${mb(peak)} MB)`);
  } finally {
    await Promise.all(containers.map((container) => container.remove({ force: true }).catch(() => undefined)));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
