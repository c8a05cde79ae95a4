import type { StatsFigures, StatsRates } from './figures';
import type { StatsPoint, StatsRow } from './protocol';

/** The latest reading of one container's stream. */
export interface ContainerReading {
  id: string;
  name: string;
  figures: StatsFigures;
  rates: StatsRates;
  /** When it arrived (epoch ms, our clock). */
  receivedAtMs: number;
}

export function statsRow(reading: ContainerReading): StatsRow {
  const { figures, rates } = reading;
  return {
    id: reading.id,
    name: reading.name,
    cpuPercent: figures.cpuPercent,
    memoryUsed: figures.memoryUsed,
    memoryLimit: figures.memoryLimit,
    memoryPercent: figures.memoryPercent,
    ...rates,
    pids: figures.pids,
  };
}

/**
 * The chart point at `nowMs`: the sum over the readings given (the containers in view). The memory limit is the
 * sum of the limits but never more than the largest one: containers without a limit each report the host's memory,
 * which they share. Pure.
 */
export function sumPoint(readings: readonly ContainerReading[], nowMs: number): StatsPoint {
  const point: StatsPoint = {
    t: Math.round(nowMs / 1000),
    cpuPercent: 0,
    memoryUsed: 0,
    memoryCache: 0,
    memoryLimit: 0,
    netRxPerSec: 0,
    netTxPerSec: 0,
    blockReadPerSec: 0,
    blockWritePerSec: 0,
    pids: 0,
  };
  let largestLimit = 0;
  for (const { figures, rates } of readings) {
    largestLimit = Math.max(largestLimit, figures.memoryLimit);
    point.cpuPercent += figures.cpuPercent;
    point.memoryUsed += figures.memoryUsed;
    point.memoryCache += figures.memoryCache;
    point.memoryLimit += figures.memoryLimit;
    point.netRxPerSec += rates.netRxPerSec;
    point.netTxPerSec += rates.netTxPerSec;
    point.blockReadPerSec += rates.blockReadPerSec;
    point.blockWritePerSec += rates.blockWritePerSec;
    point.pids += figures.pids;
  }
  point.memoryLimit = Math.min(point.memoryLimit, largestLimit);
  return point;
}
