import type { CpuStats, EngineStats } from './engineStats';

/** What `docker stats` shows for one sample, as numbers (cumulative counters as the engine gives them). */
export interface StatsFigures {
  /** When the engine read the sample (epoch ms); NaN when it did not say. */
  readAtMs: number;
  cpuPercent: number;
  /** Memory in use without the inactive page cache: what the CLI calls MEM USAGE. */
  memoryUsed: number;
  /** The part of the raw usage the CLI subtracts (inactive file pages). */
  memoryCache: number;
  memoryLimit: number;
  memoryPercent: number;
  netRx: number;
  netTx: number;
  blockRead: number;
  blockWrite: number;
  pids: number;
}

/**
 * CPU % as the Docker CLI computes it (`calculateCPUPercentUnix`): the container's CPU time delta over the host's
 * between the previous and this read, times the number of CPUs (`online_cpus`, else the length of
 * `percpu_usage` for older engines), times 100. Zero when either delta is not positive.
 */
export function cpuPercent(current: CpuStats | undefined, previous: CpuStats | undefined): number {
  const cpuDelta = (current?.cpu_usage?.total_usage ?? 0) - (previous?.cpu_usage?.total_usage ?? 0);
  const systemDelta = (current?.system_cpu_usage ?? 0) - (previous?.system_cpu_usage ?? 0);
  let onlineCpus = current?.online_cpus ?? 0;
  if (onlineCpus === 0) {
    onlineCpus = current?.cpu_usage?.percpu_usage?.length ?? 0;
  }
  return systemDelta > 0 && cpuDelta > 0 ? (cpuDelta / systemDelta) * onlineCpus * 100 : 0;
}

/**
 * The page cache the CLI leaves out of MEM USAGE (`calculateMemUsageUnixNoCache`): `total_inactive_file` on a
 * cgroup v1 engine, `inactive_file` on cgroup v2, each only when smaller than the usage. (Docker 19.03 and
 * older subtracted `cache`; the CLI has not since.)
 */
export function memoryCache(memory: EngineStats['memory_stats']): number {
  const usage = memory?.usage ?? 0;
  const stats = memory?.stats ?? {};
  const v1 = stats.total_inactive_file;
  if (v1 !== undefined && v1 < usage) {
    return v1;
  }
  const v2 = stats.inactive_file ?? 0;
  return v2 < usage ? v2 : 0;
}

/** Bytes read and written (`io_service_bytes_recursive`, by the first letter of `op` as the CLI reads it). */
export function blockIo(stats: EngineStats['blkio_stats']): { read: number; write: number } {
  let read = 0;
  let write = 0;
  for (const entry of stats?.io_service_bytes_recursive ?? []) {
    const op = entry.op?.[0];
    if (op === 'r' || op === 'R') read += entry.value ?? 0;
    else if (op === 'w' || op === 'W') write += entry.value ?? 0;
  }
  return { read, write };
}

export function network(networks: EngineStats['networks']): { rx: number; tx: number } {
  let rx = 0;
  let tx = 0;
  for (const counters of Object.values(networks ?? {})) {
    rx += counters.rx_bytes ?? 0;
    tx += counters.tx_bytes ?? 0;
  }
  return { rx, tx };
}

/** The figures of one sample, with CPU % from the sample's own `precpu_stats` (as the CLI streams them). */
export function statsFigures(sample: EngineStats): StatsFigures {
  const usage = sample.memory_stats?.usage ?? 0;
  const cache = memoryCache(sample.memory_stats);
  const used = usage - cache;
  const limit = sample.memory_stats?.limit ?? 0;
  const io = blockIo(sample.blkio_stats);
  const net = network(sample.networks);
  return {
    readAtMs: sample.read ? Date.parse(sample.read) : Number.NaN,
    cpuPercent: cpuPercent(sample.cpu_stats, sample.precpu_stats),
    memoryUsed: used,
    memoryCache: cache,
    memoryLimit: limit,
    memoryPercent: limit !== 0 ? (used / limit) * 100 : 0,
    netRx: net.rx,
    netTx: net.tx,
    blockRead: io.read,
    blockWrite: io.write,
    pids: sample.pids_stats?.current ?? 0,
  };
}

/** Per-second rates of the cumulative counters between two samples of one container. */
export interface StatsRates {
  netRxPerSec: number;
  netTxPerSec: number;
  blockReadPerSec: number;
  blockWritePerSec: number;
}

/**
 * Rates from two samples, over the time between their reads. A counter that went down (the container restarted,
 * an interface went away) gives 0 rather than a negative rate; so does a pair without a positive interval.
 */
export function ratesBetween(previous: StatsFigures, current: StatsFigures): StatsRates {
  const seconds = (current.readAtMs - previous.readAtMs) / 1000;
  const rate = (now: number, before: number) => (seconds > 0 && now >= before ? (now - before) / seconds : 0);
  return {
    netRxPerSec: rate(current.netRx, previous.netRx),
    netTxPerSec: rate(current.netTx, previous.netTx),
    blockReadPerSec: rate(current.blockRead, previous.blockRead),
    blockWritePerSec: rate(current.blockWrite, previous.blockWrite),
  };
}
