import type Docker from 'dockerode';
import { Emitter } from '../explorer/emitter';
import type { ExplorerModel } from '../explorer/model';
import { Backoff } from './backoff';
import { isDeadlineError } from './deadline';
import { classifyEngineError } from './errors';
import { EngineEvent, EventLineParser, eventTargets, sinceFromTimeNano, streamedEventTypes } from './events';
import { containerAfterEvent } from './eventPatch';
import { EngineFetcher, ResourceFetcher } from './fetcher';
import { PatchQueue } from './patchQueue';
import { pingWithin, versionWithin } from './probes';
import { runtimeOf } from './runtime';

export interface LiveEngineOptions {
  /** Shown in the state (`/var/run/docker.sock (DOCKER_HOST)`). */
  endpoint: string;
  contextName: string;
  /**
   * First retry delay after a failure; doubles up to maxRetryMs. The cap is low (1 s by default) so the views
   * reconnect within about a second of the engine coming back, however long it was away; a failed attempt on
   * an absent engine costs next to nothing.
   */
  initialRetryMs?: number;
  maxRetryMs?: number;
  /** While the event stream is down but the engine answers: full re-list this often. */
  pollMs?: number;
  /** How long the version probe (and the ping on a silent stream) may take before the engine counts as not answering. */
  probeTimeoutMs?: number;
  /**
   * Checked this often: an event stream silent for a whole interval pings the engine, to tell a quiet engine
   * from a frozen one (default 2.5 s, so a frozen engine shows within about 10 s).
   */
  silenceCheckMs?: number;
  /** Disk usage (for volume sizes) is slow on big engines: at most this often. */
  volumeSizeEveryMs?: number;
  fetcher?: ResourceFetcher;
  onError?: (error: unknown) => void;
}

/**
 * Keeps the tree model live: probes the engine, lists everything once, then follows `/events` and patches one
 * resource per event. On stream loss it reconnects with backoff resuming from the last event's time (then
 * re-lists), polls slowly meanwhile, and marks the engine unreachable with the reason while it does not answer.
 * A frozen engine (accepting connections, answering nothing) is caught by the deadlines on every read and by a
 * ping whenever the event stream is silent; it shows as not answering and recovers by itself.
 */
export class LiveEngine {
  private readonly queue: PatchQueue;
  private readonly backoff: Backoff;
  private readonly events = new Emitter<EngineEvent>();
  /** Every engine event (container, image, volume, network, and the Swarm objects') as it arrives. */
  readonly onEvent = this.events.event;
  private stream: NodeJS.ReadableStream | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private silenceTimer: NodeJS.Timeout | undefined;
  /** No event came since the last silence check. */
  private streamQuiet = false;
  private pinging = false;
  /** Counts the times the engine was found not answering (an attempt that saw one fails). */
  private stalls = 0;
  private lastEventTimeNano: number | undefined;
  private lastVolumeSizes = Number.NEGATIVE_INFINITY;
  private volumeSizeTimer: NodeJS.Timeout | undefined;
  private readonly volumeWatch: { dispose(): void };
  private connecting: Promise<void> | undefined;
  private started = false;
  private disposed = false;

  constructor(
    private readonly docker: Docker,
    private readonly model: ExplorerModel,
    private readonly options: LiveEngineOptions,
  ) {
    const fetcher = options.fetcher ?? new EngineFetcher(docker);
    this.fetcher = fetcher;
    this.queue = new PatchQueue(model, fetcher, {
      onError: (error) => {
        if (isDeadlineError(error)) {
          this.notAnswering(error);
        }
        options.onError?.(error);
      },
    });
    this.backoff = new Backoff(options.initialRetryMs ?? 250, options.maxRetryMs ?? 1000);
    model.setState({ kind: 'connecting', endpoint: options.endpoint });
    this.volumeWatch = model.volumes.onDidChange(() => {
      if (this.model.state.kind === 'connected') {
        this.refreshVolumeSizes();
      }
    });
  }

  private readonly fetcher: ResourceFetcher;

  /** Starts following the engine (idempotent: views call it when they first become visible). */
  start(): Promise<void> {
    if (!this.started) {
      this.started = true;
      return this.connect();
    }
    return this.connecting ?? Promise.resolve();
  }

  get isStarted(): boolean {
    return this.started;
  }

  /** Retries now (the welcome view's Retry), forgetting the backoff. */
  retryNow(): Promise<void> {
    this.started = true;
    this.backoff.reset();
    this.clearRetry();
    return this.connect();
  }

  /**
   * Something says the engine may be back (a view was opened, another request to the engine was answered):
   * try now rather than at the end of the backoff.
   */
  wake(): void {
    if (!this.started || this.disposed || this.connecting || (this.model.state.kind === 'connected' && this.stream)) {
      return;
    }
    this.backoff.reset();
    this.clearRetry();
    void this.connect();
  }

  /** Re-lists everything; resolves when the model holds the result. */
  async refresh(): Promise<void> {
    if (this.model.state.kind !== 'connected') {
      return this.retryNow();
    }
    this.queue.requestFullList();
    await this.queue.idle();
  }

  /** Resolves once no fetch is pending (tests and benchmarks wait on it). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private connect(): Promise<void> {
    this.connecting ??= this.attempt().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async attempt(): Promise<void> {
    if (this.disposed) {
      return;
    }
    const stallsBefore = this.stalls;
    try {
      const version = await versionWithin(this.docker, this.options.probeTimeoutMs);
      // The engine answers. Without an event stream the model is still listed, then kept by the slow poll.
      const streaming = await this.openStream().then(
        () => true,
        (error: unknown) => {
          this.options.onError?.(error);
          return false;
        },
      );
      this.queue.requestFullList();
      await this.queue.idle();
      if (this.disposed) {
        return;
      }
      if (this.stalls !== stallsBefore) {
        // A list ran past its deadline: the engine stopped answering during the attempt (already shown).
        return;
      }
      this.model.setState({
        kind: 'connected',
        endpoint: this.options.endpoint,
        contextName: this.options.contextName,
        version: version.Version,
        apiVersion: version.ApiVersion,
        runtime: runtimeOf(version),
      });
      if (streaming) {
        this.stopPoll();
        this.backoff.reset();
      } else {
        this.startPoll();
        this.scheduleRetry();
      }
      this.refreshVolumeSizes();
    } catch (error) {
      if (this.disposed) {
        return;
      }
      this.closeStream();
      const failure = classifyEngineError(error);
      this.model.setState({ kind: 'unreachable', endpoint: this.options.endpoint, ...failure });
      this.scheduleRetry();
    }
  }

  private async openStream(): Promise<void> {
    this.closeStream();
    const options: Docker.GetEventsOptions = { filters: { type: streamedEventTypes } as Docker.GetEventsOptions['filters'] };
    if (this.lastEventTimeNano !== undefined) {
      // The API takes "seconds.nanoseconds"; dockerode's type says number but passes the value through.
      options.since = sinceFromTimeNano(this.lastEventTimeNano) as unknown as number;
    }
    const stream = await this.docker.getEvents(options);
    if (this.disposed) {
      (stream as unknown as { destroy?: () => void }).destroy?.();
      return;
    }
    this.stream = stream;
    this.watchSilence();
    const parser = new EventLineParser();
    stream.on('data', (chunk: Buffer) => {
      this.streamQuiet = false;
      for (const event of parser.push(chunk)) {
        this.lastEventTimeNano = event.timeNano;
        const next = containerAfterEvent(event, this.model.containers.get(event.Actor?.ID));
        if (next) {
          this.model.containers.patch(new Map([[next.Id, next]]));
        }
        for (const target of eventTargets(event)) {
          this.queue.add(target);
        }
        this.events.fire(event);
      }
    });
    let lost = false;
    const onLost = () => {
      if (lost || this.stream !== stream || this.disposed) {
        return;
      }
      lost = true;
      this.stream = undefined;
      this.startPoll();
      this.scheduleRetry();
    };
    stream.on('end', onLost);
    stream.on('close', onLost);
    stream.on('error', onLost);
  }

  /** While the stream is open, a whole interval without an event pings the engine (with a deadline). */
  private watchSilence(): void {
    this.streamQuiet = false;
    if (this.silenceTimer || this.disposed) {
      return;
    }
    this.silenceTimer = setInterval(() => {
      if (!this.stream || this.pinging) {
        return;
      }
      if (!this.streamQuiet) {
        this.streamQuiet = true;
        return;
      }
      const stream = this.stream;
      this.pinging = true;
      pingWithin(this.docker, this.options.probeTimeoutMs)
        .then(
          () => undefined,
          (error: unknown) => {
            if (this.stream === stream) {
              this.notAnswering(error);
            }
          },
        )
        .finally(() => (this.pinging = false));
    }, this.options.silenceCheckMs ?? 2_500);
  }

  /**
   * The engine did not answer in time (a frozen process, an overloaded host): the views say so instead of
   * showing stale items as live, and the sync retries until it answers again.
   */
  private notAnswering(error: unknown): void {
    if (this.disposed || !this.started) {
      return;
    }
    this.stalls++;
    this.closeStream();
    this.model.setState({ kind: 'unreachable', endpoint: this.options.endpoint, ...classifyEngineError(error) });
    this.scheduleRetry();
  }

  private closeStream(): void {
    clearInterval(this.silenceTimer);
    this.silenceTimer = undefined;
    const stream = this.stream as unknown as { destroy?: () => void } | undefined;
    this.stream = undefined;
    stream?.destroy?.();
  }

  private scheduleRetry(): void {
    if (this.disposed || this.retryTimer) {
      return;
    }
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, this.backoff.next());
  }

  private clearRetry(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private startPoll(): void {
    if (this.pollTimer || this.disposed) {
      return;
    }
    this.pollTimer = setInterval(() => {
      if (!this.stream && this.model.state.kind === 'connected') {
        this.queue.requestFullList();
      }
    }, this.options.pollMs ?? 15_000);
  }

  private stopPoll(): void {
    clearInterval(this.pollTimer);
    this.pollTimer = undefined;
  }

  /**
   * Volume sizes need the slow disk-usage endpoint: fetched in the background, at most once a minute (a change
   * within the minute is picked up at its end).
   */
  refreshVolumeSizes(): void {
    const every = this.options.volumeSizeEveryMs ?? 60_000;
    if (!Number.isFinite(every)) {
      return;
    }
    const wait = this.lastVolumeSizes + every - Date.now();
    if (wait > 0) {
      if (!this.volumeSizeTimer && Number.isFinite(wait)) {
        this.volumeSizeTimer = setTimeout(() => {
          this.volumeSizeTimer = undefined;
          this.refreshVolumeSizes();
        }, wait);
      }
      return;
    }
    this.lastVolumeSizes = Date.now();
    this.fetcher.volumeSizes().then(
      (sizes) => {
        if (!this.disposed) {
          this.model.setVolumeSizes(sizes);
        }
      },
      (error: unknown) => this.options.onError?.(error),
    );
  }

  dispose(): void {
    this.disposed = true;
    this.clearRetry();
    clearTimeout(this.volumeSizeTimer);
    this.volumeWatch.dispose();
    this.stopPoll();
    this.closeStream();
    this.queue.dispose();
    this.events.dispose();
  }
}
