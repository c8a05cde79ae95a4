/**
 * The messages between the stats panel (extension host) and its webview, one typed protocol for both sides.
 * Pure types and constants: the webview bundle imports this file too.
 */

/** One point of the charts: the figures of every container in view, summed, at a time (epoch seconds). */
export interface StatsPoint {
  t: number;
  cpuPercent: number;
  memoryUsed: number;
  memoryCache: number;
  memoryLimit: number;
  netRxPerSec: number;
  netTxPerSec: number;
  blockReadPerSec: number;
  blockWritePerSec: number;
  pids: number;
}

/** One running container's latest figures, a row of the table. */
export interface StatsRow {
  id: string;
  name: string;
  cpuPercent: number;
  memoryUsed: number;
  memoryLimit: number;
  memoryPercent: number;
  netRxPerSec: number;
  netTxPerSec: number;
  blockReadPerSec: number;
  blockWritePerSec: number;
  pids: number;
}

export type HostMessage =
  /** Everything the page shows: sent when it (re)loads. */
  | { type: 'init'; title: string; windowSeconds: number; history: StatsPoint[]; rows: StatsRow[] }
  /** A new point and the table as of now. */
  | { type: 'tick'; point: StatsPoint; rows: StatsRow[] }
  /** Why there is nothing to show (no running container in view, the engine is away). */
  | { type: 'notice'; text: string };

export type WebviewMessage = { type: 'ready' };

/** The table's columns, in order: the key of a row and its heading. */
export const statsColumns = [
  ['name', 'Container'],
  ['cpuPercent', 'CPU %'],
  ['memoryUsed', 'Memory'],
  ['memoryPercent', 'Mem %'],
  ['netRxPerSec', 'Net rx/s'],
  ['netTxPerSec', 'Net tx/s'],
  ['blockReadPerSec', 'Block read/s'],
  ['blockWritePerSec', 'Block write/s'],
  ['pids', 'PIDs'],
] as const satisfies ReadonlyArray<readonly [keyof StatsRow, string]>;
