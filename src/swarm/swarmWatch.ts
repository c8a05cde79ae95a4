/**
 * Keeps one engine's part of the Swarm view live: reads its role (`/info`), and on a manager the whole swarm;
 * reads again after the engine's service, node, secret and config events (and after swarm containers start or
 * stop, which is how task states move), a burst coalesced into one read. While a service is not converged (an
 * update, a scale, a failing task) the tasks have no events of their own, so it reads again every second until
 * it is. Engine I/O without VS Code.
 */
import { Emitter } from '../explorer/emitter';
import { describeEngineError } from '../engine/errors';
import type { EngineEvent } from '../engine/events';
import { Throttle } from '../explorer/throttle';
import type { SwarmEngine } from './swarmEngines';
import { readSwarmRole, readSwarmSnapshot } from './swarmReader';
import { isCurrent, serviceReplicas, SwarmEngineView, updateState } from './swarmTree';
import type { SwarmSnapshot } from './swarmTypes';

export const swarmEventTypes = ['service', 'node', 'secret', 'config'];

/** Whether an event changes what the Swarm view shows. */
export function touchesSwarm(event: EngineEvent): boolean {
  if (swarmEventTypes.includes(event.Type)) {
    return true;
  }
  // Task containers carry their service's id; their start, death and removal move the tasks' states.
  return event.Type === 'container' && Boolean(event.Actor?.Attributes?.['com.docker.swarm.service.id']) && /^(start|die|destroy|create)$/.test(event.Action);
}

/**
 * Every service has its desired tasks running and no update is under way (pure). The service counts and the
 * task list are read side by side, so both must say so: a task the counts already call running can still be
 * listed as starting, and no event would come to show it running.
 */
export function converged(snapshot: SwarmSnapshot): boolean {
  return snapshot.services.every((service) => {
    const { running, desired } = serviceReplicas(service, snapshot.tasks);
    const listedRunning = snapshot.tasks.filter((task) => task.ServiceID === service.ID && isCurrent(task) && task.Status?.State === 'running').length;
    return running === desired && listedRunning === desired && !updateState(service);
  });
}

export interface SwarmWatchOptions {
  /** Coalesces a burst of events into one read (default 50 ms). */
  burstMs?: number;
  /** Re-read this often while the swarm is not converged (default 1 s). */
  settleMs?: number;
  /** Re-read the role this often when the engine is not a manager (swarm init/leave send no event; default 10 s). */
  roleCheckMs?: number;
}

export class SwarmWatch {
  private readonly changed = new Emitter<SwarmEngineView>();
  readonly onDidChange = this.changed.event;
  private current: SwarmEngineView;
  private readonly burst: Throttle;
  private readonly subscription: { dispose(): void };
  private settleTimer: NodeJS.Timeout | undefined;
  private roleTimer: NodeJS.Timeout | undefined;
  private reading: Promise<void> | undefined;
  private again = false;
  private disposed = false;

  constructor(
    readonly engine: SwarmEngine,
    private readonly options: SwarmWatchOptions = {},
  ) {
    this.current = { key: engine.key, label: engine.label, role: 'loading' };
    this.burst = new Throttle(options.burstMs ?? 50, () => void this.refresh());
    this.subscription = engine.onEvent((event) => {
      if (touchesSwarm(event)) {
        this.burst.request();
      }
    });
  }

  get view(): SwarmEngineView {
    return this.current;
  }

  /** Reads role and swarm now (a read under way is followed by one more); resolves when the view holds it. */
  refresh(): Promise<void> {
    if (this.reading) {
      this.again = true;
      return this.reading;
    }
    this.reading = this.read().finally(() => {
      this.reading = undefined;
      if (this.again && !this.disposed) {
        this.again = false;
        void this.refresh();
      }
    });
    return this.reading;
  }

  private async read(): Promise<void> {
    const { key, label, docker } = this.engine;
    let next: SwarmEngineView;
    if (this.engine.runtime === 'podman') {
      // No swarm mode, and Podman's `/info` costs seconds: nothing to read, nothing to check again.
      this.current = { key, label, role: 'none' };
      this.changed.fire(this.current);
      return;
    }
    try {
      const role = await readSwarmRole(docker);
      next = role === 'manager' ? { key, label, role, snapshot: await readSwarmSnapshot(docker) } : { key, label, role };
    } catch (error) {
      next = { key, label, role: 'failed', reason: describeEngineError(error) };
    }
    if (this.disposed) {
      return;
    }
    this.current = next;
    this.schedule(next);
    this.changed.fire(next);
  }

  private schedule(view: SwarmEngineView): void {
    clearTimeout(this.settleTimer);
    clearTimeout(this.roleTimer);
    this.settleTimer = this.roleTimer = undefined;
    if (view.role === 'manager') {
      if (!converged(view.snapshot)) {
        this.settleTimer = setTimeout(() => void this.refresh(), this.options.settleMs ?? 1_000);
      }
    } else {
      this.roleTimer = setTimeout(() => void this.refresh(), this.options.roleCheckMs ?? 10_000);
    }
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.settleTimer);
    clearTimeout(this.roleTimer);
    this.burst.dispose();
    this.subscription.dispose();
    this.changed.dispose();
  }
}
