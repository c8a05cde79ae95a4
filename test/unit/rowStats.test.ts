import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import type { EngineStats } from '../../src/stats/engineStats';
import { RowStats } from '../../src/stats/rowStats';
import { StatsReadings } from '../../src/stats/statsReadings';
import type { OpenStatsStream } from '../../src/stats/statsStream';

test('row stats: streams only while enabled and visible, changed rows reported at most every 2 s', () => {
  mock.timers.enable({ apis: ['setInterval', 'Date'], now: 1_000_000 });
  try {
    const open = new Map<string, (sample: EngineStats) => void>();
    const opener: OpenStatsStream = (id, onSample) => {
      open.set(id, onSample);
      return { close: () => open.delete(id) };
    };
    const reports: string[][] = [];
    const rows = new RowStats(() => new StatsReadings(opener), (ids) => reports.push(ids));
    rows.setContainers([{ id: 'a', name: 'web' }]);
    rows.setVisible(true);
    assert.equal(open.size, 0, 'off by default');
    rows.setEnabled(true);
    assert.deepEqual([...open.keys()], ['a']);
    const send = (cpu: number) =>
      open.get('a')?.({
        read: new Date(Date.now()).toISOString(),
        cpu_stats: { cpu_usage: { total_usage: cpu }, system_cpu_usage: 2000, online_cpus: 1 },
        precpu_stats: { cpu_usage: { total_usage: 0 }, system_cpu_usage: 1000 },
        memory_stats: { usage: 2 * 1024 * 1024, limit: 1e9, stats: {} },
      });
    send(100);
    send(200);
    assert.deepEqual(reports, [], 'nothing before the interval');
    mock.timers.tick(2000);
    assert.deepEqual(reports, [['a']]);
    assert.equal(rows.text('a'), 'CPU 20.0% · 2MiB');
    mock.timers.tick(2000);
    assert.equal(reports.length, 1, 'the same text is not reported again');
    rows.setVisible(false);
    assert.equal(open.size, 0, 'hidden: streams closed');
    rows.setVisible(true);
    rows.setEnabled(false);
    assert.equal(open.size, 0);
    assert.deepEqual(reports.at(-1), ['a'], 'turning off clears the rows');
    assert.equal(rows.text('a'), undefined);
    rows.dispose();
  } finally {
    mock.timers.reset();
  }
});
