/**
 * The part of a `/containers/{id}/stats` answer the figures are computed from, as the Engine API documents it.
 * cgroup v1 and v2 engines fill different fields (v2 has no `percpu_usage`, no `max_usage`, and other
 * `memory_stats.stats` keys); every field is optional here because engines omit what they do not measure.
 */
export interface EngineStats {
  read?: string;
  preread?: string;
  name?: string;
  id?: string;
  pids_stats?: { current?: number; limit?: number };
  cpu_stats?: CpuStats;
  precpu_stats?: CpuStats;
  memory_stats?: {
    usage?: number;
    limit?: number;
    stats?: Record<string, number | undefined>;
  };
  blkio_stats?: { io_service_bytes_recursive?: BlkioEntry[] | null };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
}

export interface CpuStats {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null };
  system_cpu_usage?: number;
  online_cpus?: number;
}

export interface BlkioEntry {
  major?: number;
  minor?: number;
  op?: string;
  value?: number;
}
