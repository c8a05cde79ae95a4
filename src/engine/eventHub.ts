import { Disposable, Emitter, Listener } from '../explorer/emitter';
import type { EngineEvent } from './events';

/**
 * Engine events for any feature of the extension, across reconnections: `onEvent` for all of them,
 * `onContainerEvent` etc. for one type. Listeners get the Engine API's event objects as they arrive.
 */
export class EngineEventHub implements Disposable {
  private readonly all = new Emitter<EngineEvent>();
  private source: Disposable | undefined;

  readonly onEvent = this.all.event;

  onContainerEvent(listener: Listener<EngineEvent>): Disposable {
    return this.ofType('container', listener);
  }

  onImageEvent(listener: Listener<EngineEvent>): Disposable {
    return this.ofType('image', listener);
  }

  onVolumeEvent(listener: Listener<EngineEvent>): Disposable {
    return this.ofType('volume', listener);
  }

  onNetworkEvent(listener: Listener<EngineEvent>): Disposable {
    return this.ofType('network', listener);
  }

  private ofType(type: string, listener: Listener<EngineEvent>): Disposable {
    return this.all.event((event) => {
      if (event.Type === type) {
        listener(event);
      }
    });
  }

  /** Forwards the events of the current connection (replacing the previous one). */
  attach(subscribe: (listener: Listener<EngineEvent>) => Disposable): void {
    this.source?.dispose();
    this.source = subscribe((event) => this.all.fire(event));
  }

  dispose(): void {
    this.source?.dispose();
    this.all.dispose();
  }
}
