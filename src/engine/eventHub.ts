import { EngineList, PerEngine } from '../engines/perEngine';
import { Disposable, Emitter, Listener, Subscribe } from '../explorer/emitter';
import type { EngineEvent } from './events';

/** An engine event as features get it: tagged with the key (the endpoint) of the engine it came from. */
export interface TaggedEngineEvent extends EngineEvent {
  readonly engine: string;
}

/**
 * Which engine's events a listener wants: one key, the key of the moment (the current engine, which may
 * change), or every engine when absent.
 */
export type EngineChoice = string | (() => string | undefined) | undefined;

/**
 * What identifies a resource across engines: its id alone is not enough (two engines can hold the same image,
 * and so the same image id).
 */
export function engineResourceKey(engine: string, id: string): string {
  return `${engine}\u0000${id}`;
}

/** Whether an event is one the listener's choice of engine wants (pure). */
export function eventOfEngine(event: TaggedEngineEvent, choice: EngineChoice): boolean {
  if (choice === undefined) {
    return true;
  }
  return event.engine === (typeof choice === 'string' ? choice : choice());
}

/** A connected engine as the hub follows it: its key and its connection's event stream. */
export interface EventSource {
  key: string;
  connection: { onEvent(listener: Listener<EngineEvent>): Disposable };
}

/**
 * Engine events of every connected engine for any feature of the extension, across reconnections, each tagged
 * with its engine: `onEvent` for all of them, `onContainerEvent` etc. for one type; each takes the engine it
 * wants (one key, the current engine's, or all). Listeners get the Engine API's event objects as they arrive.
 */
export class EngineEventHub implements Disposable {
  private readonly all = new Emitter<TaggedEngineEvent>();
  private readonly follows: Disposable[] = [];

  /** Every event of every engine. */
  readonly onEvent = this.all.event;

  /** The events of one engine (or of the engine a function names at each event). */
  ofEngine(choice: EngineChoice): Subscribe<TaggedEngineEvent> {
    return (listener) => this.filtered((event) => eventOfEngine(event, choice), listener);
  }

  onContainerEvent(listener: Listener<TaggedEngineEvent>, engine?: EngineChoice): Disposable {
    return this.ofType('container', listener, engine);
  }

  onImageEvent(listener: Listener<TaggedEngineEvent>, engine?: EngineChoice): Disposable {
    return this.ofType('image', listener, engine);
  }

  onVolumeEvent(listener: Listener<TaggedEngineEvent>, engine?: EngineChoice): Disposable {
    return this.ofType('volume', listener, engine);
  }

  onNetworkEvent(listener: Listener<TaggedEngineEvent>, engine?: EngineChoice): Disposable {
    return this.ofType('network', listener, engine);
  }

  private ofType(type: string, listener: Listener<TaggedEngineEvent>, engine: EngineChoice): Disposable {
    return this.filtered((event) => event.Type === type && eventOfEngine(event, engine), listener);
  }

  private filtered(wanted: (event: TaggedEngineEvent) => boolean, listener: Listener<TaggedEngineEvent>): Disposable {
    return this.all.event((event) => {
      if (wanted(event)) {
        listener(event);
      }
    });
  }

  /** Forwards one engine's events, tagged with its key, until the returned disposable is disposed. */
  attach(engine: string, subscribe: Subscribe<EngineEvent>): Disposable {
    return subscribe((event) => this.all.fire({ ...event, engine }));
  }

  /** Forwards the events of every engine of the list: an engine connecting is attached, one disconnecting detached. */
  follow<E extends EventSource>(engines: EngineList<E>): Disposable {
    const follow = new PerEngine(engines, (engine) => this.attach(engine.key, (listener) => engine.connection.onEvent(listener)));
    this.follows.push(follow);
    return follow;
  }

  dispose(): void {
    for (const follow of this.follows.splice(0)) {
      follow.dispose();
    }
    this.all.dispose();
  }
}
