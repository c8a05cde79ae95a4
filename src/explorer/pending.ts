import { Emitter } from './emitter';

/**
 * Actions under way on resources ("Stopping…" by container id), so a row says what is happening while a
 * slow engine call runs. Pure; the model re-renders the rows when it changes.
 */
export class PendingActions {
  private readonly texts = new Map<string, string>();
  private readonly changed = new Emitter<string[]>();
  /** Fires the ids whose pending text changed. */
  readonly onDidChange = this.changed.event;

  get(id: string): string | undefined {
    return this.texts.get(id);
  }

  get size(): number {
    return this.texts.size;
  }

  /** Marks `ids` with `text` until the returned function is called (once per mark; a later mark wins). */
  begin(ids: readonly string[], text: string): () => void {
    for (const id of ids) {
      this.texts.set(id, text);
    }
    this.changed.fire([...ids]);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const cleared = ids.filter((id) => this.texts.get(id) === text && this.texts.delete(id));
      if (cleared.length > 0) this.changed.fire(cleared);
    };
  }

  dispose(): void {
    this.changed.dispose();
  }
}
