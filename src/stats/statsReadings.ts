import type { ContainerReading } from './aggregate';
import { ratesBetween, statsFigures, StatsFigures } from './figures';
import type { OpenStatsStream, StatsStream } from './statsStream';

export interface WatchedContainer {
  id: string;
  name: string;
}

interface Watch {
  name: string;
  stream: StatsStream;
  previous?: StatsFigures;
  reading?: ContainerReading;
}

/**
 * One stats stream per watched container and each one's latest reading (figures, and rates from the sample
 * before). `watch` sets the containers: streams open for new ones and close for those no longer listed. A
 * stream that ends (the container stopped) is dropped with its reading; `watch` opens it again if still listed.
 * Holds one reading and one previous figure set per container, never a growing list.
 */
export class StatsReadings {
  private readonly watches = new Map<string, Watch>();
  private disposed = false;

  constructor(
    private readonly open: OpenStatsStream,
    private readonly now: () => number = () => Date.now(),
    private readonly onReading?: (reading: ContainerReading) => void,
  ) {}

  watch(containers: readonly WatchedContainer[]): void {
    if (this.disposed) return;
    const wanted = new Map(containers.map((container) => [container.id, container.name]));
    for (const [id, watch] of this.watches) {
      if (!wanted.has(id)) {
        this.watches.delete(id);
        watch.stream.close();
      }
    }
    for (const [id, name] of wanted) {
      const existing = this.watches.get(id);
      if (existing) {
        existing.name = name;
        continue;
      }
      const watch: Watch = { name, stream: { close: () => undefined } };
      this.watches.set(id, watch);
      watch.stream = this.open(
        id,
        (sample) => this.onSample(id, watch, sample),
        () => {
          if (this.watches.get(id) === watch) this.watches.delete(id);
        },
      );
    }
  }

  private onSample(id: string, watch: Watch, sample: Parameters<typeof statsFigures>[0]): void {
    if (this.watches.get(id) !== watch) return;
    const figures = statsFigures(sample);
    // A sample without a read time (zero time) is what the engine streams for a stopped container: the stream
    // is over for us; `watch` opens a new one if the container is listed as running again.
    if (!Number.isFinite(figures.readAtMs) || figures.readAtMs <= 0) {
      this.watches.delete(id);
      watch.stream.close();
      return;
    }
    const rates = watch.previous
      ? ratesBetween(watch.previous, figures)
      : { netRxPerSec: 0, netTxPerSec: 0, blockReadPerSec: 0, blockWritePerSec: 0 };
    watch.previous = figures;
    watch.reading = { id, name: watch.name, figures, rates, receivedAtMs: this.now() };
    this.onReading?.(watch.reading);
  }

  /** The latest readings, of containers still streaming, received within `freshMs`. */
  readings(freshMs = 5000): ContainerReading[] {
    const oldest = this.now() - freshMs;
    const result: ContainerReading[] = [];
    for (const watch of this.watches.values()) {
      if (watch.reading && watch.reading.receivedAtMs >= oldest) {
        result.push({ ...watch.reading, name: watch.name });
      }
    }
    return result;
  }

  reading(id: string): ContainerReading | undefined {
    return this.watches.get(id)?.reading;
  }

  get watched(): number {
    return this.watches.size;
  }

  /** Closes every stream (the panel was hidden): `watch` opens them again. */
  closeAll(): void {
    for (const watch of this.watches.values()) watch.stream.close();
    this.watches.clear();
  }

  dispose(): void {
    this.closeAll();
    this.disposed = true;
  }
}
