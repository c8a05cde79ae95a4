/**
 * A subscription to one container's lifecycle events from the engine's event stream (dockerode
 * `getEvents`), so a log follower knows when the container starts again or is removed.
 */
import type Docker from 'dockerode';
import { forEachJsonMessage } from '../stream/jsonMessages';

interface EngineEvent {
  Type?: string;
  Action?: string;
  status?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
}

export interface ContainerEvent {
  action: string;
  id: string;
  attributes: Record<string, string>;
}

export type ContainerEventFilter = { container: string } | { label: string };

/** Counts starts and notes removal; `waitForStart` resolves on the first start after a given count. */
export class ContainerEventWatch {
  private starts = 0;
  private destroyedFlag = false;
  private waiters: Array<() => void> = [];
  readonly ready: Promise<void>;

  constructor(
    docker: Docker,
    filter: ContainerEventFilter,
    signal: AbortSignal,
    private readonly onEvent?: (event: ContainerEvent) => void,
  ) {
    const filters: Record<string, string[]> = { type: ['container'], event: ['start', 'die', 'destroy'] };
    if ('container' in filter) filters.container = [filter.container];
    else filters.label = [filter.label];
    this.ready = docker.getEvents({ filters, abortSignal: signal } as Parameters<Docker['getEvents']>[0]).then((stream) => {
      void forEachJsonMessage<EngineEvent>(
        stream,
        (event) => {
          const action = event.Action ?? event.status ?? '';
          if (action === 'start') this.starts++;
          if (action === 'destroy' && 'container' in filter) this.destroyedFlag = true;
          this.onEvent?.({ action, id: event.Actor?.ID ?? event.id ?? '', attributes: event.Actor?.Attributes ?? {} });
          this.wake();
        },
        signal,
      )
        .catch(() => undefined)
        .finally(() => this.wake());
    });
    signal.addEventListener('abort', () => this.wake(), { once: true });
  }

  get startCount(): number {
    return this.starts;
  }

  get destroyed(): boolean {
    return this.destroyedFlag;
  }

  /** Resolves when a start beyond `seen` arrives, the container is removed, or the signal aborts. */
  async waitForStart(seen: number, signal: AbortSignal): Promise<void> {
    while (this.starts <= seen && !this.destroyedFlag && !signal.aborted) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private wake(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}
