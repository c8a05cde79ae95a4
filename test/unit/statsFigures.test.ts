import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { cliTexts, goG, humanSize } from '../../src/stats/cliFormat';
import type { EngineStats } from '../../src/stats/engineStats';
import { cpuPercent, memoryCache, ratesBetween, statsFigures } from '../../src/stats/figures';

const fixtures = path.join(__dirname, 'fixtures', 'stats');
const read = (name: string) => fs.readFileSync(path.join(fixtures, name), 'utf8');
const sample = (name: string) => JSON.parse(read(name)) as EngineStats;
const streamed = read('cgroup-v1-engine-20.10-stream.jsonl')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as EngineStats);
/** What the Docker CLI printed for each sample (see fixtures/stats/README.md). */
const cli = JSON.parse(read('cli-output.json')) as Record<string, Record<string, string>>;

function withoutName(texts: Record<string, string>): Record<string, string> {
  const { Name: _name, ...rest } = texts;
  return rest;
}

describe('stats figures as docker stats computes them', () => {
  it('a cgroup v1 sample (Engine 20.10) gives the texts the Docker CLI printed for it', () => {
    assert.deepEqual(cliTexts(statsFigures(sample('cgroup-v1-engine-20.10.json'))), withoutName(cli['cgroup-v1-engine-20.10.json']));
  });

  it('a cgroup v2 sample gives the texts the Docker CLI printed for it', () => {
    assert.deepEqual(cliTexts(statsFigures(sample('cgroup-v2-documented.json'))), withoutName(cli['cgroup-v2-documented.json']));
  });

  it('streamed samples: each one with its own precpu_stats, as the CLI streams them', () => {
    streamed.forEach((one, index) => {
      assert.deepEqual(cliTexts(statsFigures(one)), withoutName(cli[`cgroup-v1-engine-20.10-stream.jsonl#${index + 1}`]));
    });
  });

  it('cgroup v1 subtracts total_inactive_file, not cache', () => {
    const v1 = sample('cgroup-v1-engine-20.10.json');
    const stats = v1.memory_stats?.stats ?? {};
    assert.ok((stats.total_cache ?? 0) > (stats.total_inactive_file ?? 0), 'the recorded sample has active page cache too');
    const figures = statsFigures(v1);
    assert.equal(figures.memoryCache, stats.total_inactive_file);
    assert.equal(figures.memoryUsed, (v1.memory_stats?.usage ?? 0) - (stats.total_inactive_file ?? 0));
  });

  it('cgroup v2 subtracts inactive_file', () => {
    const v2 = sample('cgroup-v2-documented.json');
    assert.equal(statsFigures(v2).memoryCache, v2.memory_stats?.stats?.inactive_file);
  });

  it('the cache is not subtracted when it is not below the usage', () => {
    assert.equal(memoryCache({ usage: 100, stats: { total_inactive_file: 100, inactive_file: 50 } }), 50);
    assert.equal(memoryCache({ usage: 100, stats: { inactive_file: 200 } }), 0);
    assert.equal(memoryCache(undefined), 0);
  });

  it('CPU % counts the CPUs in percpu_usage when an older engine gives no online_cpus', () => {
    const current = { cpu_usage: { total_usage: 300, percpu_usage: [100, 100, 50, 50] }, system_cpu_usage: 2000 };
    const previous = { cpu_usage: { total_usage: 100 }, system_cpu_usage: 1000 };
    assert.equal(cpuPercent(current, previous), (200 / 1000) * 4 * 100);
    assert.equal(cpuPercent({ ...current, online_cpus: 2 }, previous), (200 / 1000) * 2 * 100);
  });

  it('CPU % is 0 when the container or the host used no time, or before a previous read', () => {
    assert.equal(cpuPercent({ cpu_usage: { total_usage: 5 }, system_cpu_usage: 10, online_cpus: 1 }, { cpu_usage: { total_usage: 5 }, system_cpu_usage: 5 }), 0);
    assert.equal(cpuPercent({ cpu_usage: { total_usage: 9 }, system_cpu_usage: 10, online_cpus: 1 }, { cpu_usage: { total_usage: 5 }, system_cpu_usage: 10 }), 0);
    assert.equal(cpuPercent(undefined, undefined), 0);
  });

  it('rates of network and block I/O over the time between two streamed reads', () => {
    const [first, second] = streamed.map(statsFigures);
    const rates = ratesBetween(first, second);
    const seconds = (Date.parse(streamed[1].read ?? '') - Date.parse(streamed[0].read ?? '')) / 1000;
    assert.ok(seconds > 0.9 && seconds < 1.2, `reads ${seconds}s apart`);
    assert.equal(rates.netTxPerSec, (second.netTx - first.netTx) / seconds);
    assert.ok(rates.netTxPerSec > 0, 'the container was pinging while recorded');
    assert.equal(rates.blockReadPerSec, 0);
  });

  it('a counter that went down (a restart) gives a rate of 0, never negative', () => {
    const [first, second] = streamed.map(statsFigures);
    assert.equal(ratesBetween(second, { ...first, readAtMs: second.readAtMs + 1000 }).netTxPerSec, 0);
    assert.equal(ratesBetween(first, { ...second, readAtMs: first.readAtMs }).netTxPerSec, 0);
  });

  it('sizes are written as Go writes %g', () => {
    assert.equal(goG(999.7, 3), '1e+03');
    assert.equal(goG(2, 4), '2');
    assert.equal(goG(0, 3), '0');
    assert.equal(goG(12.5, 3), '12.5');
    assert.equal(humanSize(999_700), '1e+03kB');
    assert.equal(humanSize(1_000_000), '1MB');
  });
});
