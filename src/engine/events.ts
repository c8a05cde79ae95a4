import type { ResourceKind } from '../explorer/resources';

/** One message of the Engine API's `/events` stream (the fields Dockside reads). */
export interface EngineEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> };
  time: number;
  timeNano: number;
  scope?: string;
}

/** The event types the explorer listens to. */
export const watchedEventTypes: ResourceKind[] = ['container', 'image', 'volume', 'network'];

/**
 * The event types the live stream asks for: the explorer's, and the Swarm objects' (which a Swarm view
 * follows; an engine not in a swarm simply sends none).
 */
export const streamedEventTypes: string[] = [...watchedEventTypes, 'service', 'node', 'secret', 'config'];

/**
 * Container actions that change nothing the explorer shows. A `kill` only sends a signal: a stop it causes comes as
 * its own `die` (re-reading on the kill cost a tree update that delayed the die's and the destroy's).
 */
const silentContainerActions = /^(exec_create|exec_start|exec_die|exec_detach|attach|detach|resize|top|export|archive-path|extract-to-dir|copy|commit|kill)\b/;

/** A resource to re-read because of an event; `gone` when the event itself says it no longer exists. */
export interface EventTarget {
  kind: ResourceKind;
  key: string;
  gone: boolean;
  /**
   * The container state the event implies. The engine logs some events (pause, die…) before its list view
   * is updated, so a read that disagrees is retried briefly instead of showing a stale state.
   */
  expect?: StateExpectation;
  /** The event names no single resource (a prune): re-list the whole kind. */
  relist?: boolean;
}

/** `state` must (or, with `not`, must not) be the container's `State` once the event has settled. */
export interface StateExpectation {
  state: string;
  not?: boolean;
}

const expectations: Record<string, StateExpectation> = {
  start: { state: 'running' },
  restart: { state: 'running' },
  unpause: { state: 'running' },
  pause: { state: 'paused' },
  die: { state: 'running', not: true },
  stop: { state: 'running', not: true },
};

export function meetsExpectation(state: string | undefined, expect: StateExpectation | undefined): boolean {
  if (!expect || state === undefined) {
    return true;
  }
  return expect.not ? state !== expect.state : state === expect.state;
}

/** Which resources an event touches (pure: the mapping the live sync and its tests share). */
export function eventTargets(event: EngineEvent): EventTarget[] {
  const id = event.Actor?.ID;
  const action = event.Action ?? '';
  if (action === 'prune' && (watchedEventTypes as string[]).includes(event.Type)) {
    // A prune names nothing (volume prune logs no destroy per volume): re-list that kind.
    return [{ kind: event.Type as ResourceKind, key: '', gone: false, relist: true }];
  }
  if (!id) {
    return [];
  }
  switch (event.Type) {
    case 'container':
      if (silentContainerActions.test(action)) {
        return [];
      }
      return [{ kind: 'container', key: id, gone: action === 'destroy', expect: expectations[action] }];
    case 'image':
      return [{ kind: 'image', key: id, gone: false }];
    case 'volume': {
      const targets: EventTarget[] = [{ kind: 'volume', key: id, gone: action === 'destroy' }];
      const container = event.Actor.Attributes?.container;
      if (container) {
        targets.push({ kind: 'container', key: container, gone: false });
      }
      return targets;
    }
    case 'network': {
      const targets: EventTarget[] = [{ kind: 'network', key: id, gone: action === 'destroy' }];
      const container = event.Actor.Attributes?.container;
      if (container && (action === 'connect' || action === 'disconnect')) {
        targets.push({ kind: 'container', key: container, gone: false });
      }
      return targets;
    }
    default:
      return [];
  }
}

/**
 * The `since` value that resumes a stream at an event's time ("seconds.nanoseconds"). A JSON number cannot hold
 * nanoseconds since 1970 exactly, so this steps back one microsecond: replaying an event is harmless (patches
 * re-read the resource), missing one is not.
 */
export function sinceFromTimeNano(timeNano: number): string {
  const micros = BigInt(Math.floor(timeNano / 1000)) - 1n;
  const seconds = micros / 1_000_000n;
  const rest = micros % 1_000_000n;
  return `${seconds}.${rest.toString().padStart(6, '0')}000`;
}

/** Splits a byte stream of newline-delimited JSON into events; tolerates chunks cut anywhere. */
export class EventLineParser {
  private pending = '';

  /** Returns the complete events of this chunk; malformed lines are reported through onBadLine. */
  push(chunk: Buffer | string, onBadLine?: (line: string) => void): EngineEvent[] {
    this.pending += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    const lines = this.pending.split('\n');
    this.pending = lines.pop() ?? '';
    const events: EngineEvent[] = [];
    for (const line of lines) {
      const text = line.trim();
      if (!text) {
        continue;
      }
      try {
        events.push(JSON.parse(text) as EngineEvent);
      } catch {
        onBadLine?.(text);
      }
    }
    return events;
  }
}
