/** The part of `vscode.Memento` the memories use, so they can be unit-tested with a Map. */
export interface MementoLike {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** A bounded map kept in a memento under one key: the most recently used entries, at most `limit`. */
export class RecentMap<T> {
  constructor(
    private readonly memento: MementoLike,
    private readonly key: string,
    private readonly limit = 50,
  ) {}

  private entries(): Array<[string, T]> {
    return this.memento.get<Array<[string, T]>>(this.key) ?? [];
  }

  get(id: string): T | undefined {
    return this.entries().find(([key]) => key === id)?.[1];
  }

  /** Most recent first. */
  all(): Array<[string, T]> {
    return this.entries();
  }

  async set(id: string, value: T): Promise<void> {
    const rest = this.entries().filter(([key]) => key !== id);
    await this.memento.update(this.key, [[id, value], ...rest].slice(0, this.limit));
  }
}
