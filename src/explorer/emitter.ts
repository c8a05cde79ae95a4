/** Something that can be released; shaped like vscode.Disposable so either side can hold it. */
export interface Disposable {
  dispose(): void;
}

export type Listener<T> = (value: T) => void;
export type Subscribe<T> = (listener: Listener<T>) => Disposable;

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
        console.error('Dockside listener failed:', error);
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
