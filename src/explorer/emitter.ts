/** Something that can be released; shaped like vscode.Disposable so either side can hold it. */
export interface Disposable {
  dispose(): void;
}

export type Listener<T> = (value: T) => void;
export type Subscribe<T> = (listener: Listener<T>) => Disposable;

type ErrorSink = (error: unknown) => void;
const consoleSink: ErrorSink = (error) => console.error('Dockside listener failed:', error);
let listenerErrorSink = consoleSink;

/** Where the failures of listeners are reported (the extension's output channel); the console until set. */
export function setListenerErrorSink(sink: ErrorSink): Disposable {
  listenerErrorSink = sink;
  return { dispose: () => (listenerErrorSink = consoleSink) };
}

/** A minimal event emitter without VS Code, so the engine layer and the tree model stay testable alone. */
export class Emitter<T> implements Disposable {
  private listeners = new Set<Listener<T>>();

  readonly event: Subscribe<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        // A faulty listener must not break the others nor the engine loop that fired.
        listenerErrorSink(error);
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }

  dispose(): void {
    this.listeners.clear();
  }
}
