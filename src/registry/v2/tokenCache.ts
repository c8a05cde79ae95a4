/**
 * Bearer tokens of one registry by scope, kept until shortly before they expire, so one token serves every
 * request of its scope; callers asking for a scope whose token is being fetched share that one fetch. Pure
 * (the clock is given).
 */

export interface IssuedToken {
  /** The `Authorization` value (`Bearer …`). */
  authorization: string;
  /** Seconds the token lives from when it was fetched (`expires_in`). */
  expiresIn: number;
}

/** What the token spec says a client assumes when a token service gives no `expires_in`. */
export const defaultTokenLifetimeSeconds = 60;

interface Kept {
  authorization: string;
  /** When the token stops being used (ms since the epoch): a tenth of its life, at most 10 s, before it expires. */
  renewAt: number;
}

export class TokenCache {
  private readonly kept = new Map<string, Kept>();
  private readonly fetching = new Map<string, Promise<string>>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The kept authorization of `scope` while it is still good, else undefined. */
  get(scope: string): string | undefined {
    const kept = this.kept.get(scope);
    if (!kept) return undefined;
    if (this.now() >= kept.renewAt) {
      this.kept.delete(scope);
      return undefined;
    }
    return kept.authorization;
  }

  /** The kept authorization of `scope`, or the one `fetch` gives (one fetch at a time per scope), which is then kept. */
  obtain(scope: string, fetch: () => Promise<IssuedToken>): Promise<string> {
    const kept = this.get(scope);
    if (kept) return Promise.resolve(kept);
    return this.refetch(scope, fetch);
  }

  /**
   * A new token for `scope`, because the registry refused `refused` (expired, revoked, too narrow): a token kept
   * meanwhile that is not the refused one is taken, a fetch under way is shared, else `fetch` runs.
   */
  refetch(scope: string, fetch: () => Promise<IssuedToken>, refused?: string): Promise<string> {
    const under = this.fetching.get(scope);
    if (under) return under;
    const kept = this.get(scope);
    if (kept && refused !== undefined && kept !== refused) return Promise.resolve(kept);
    this.kept.delete(scope);
    const fetched = fetch().then(
      (issued) => {
        this.fetching.delete(scope);
        this.put(scope, issued);
        return issued.authorization;
      },
      (error: unknown) => {
        this.fetching.delete(scope);
        throw error;
      },
    );
    this.fetching.set(scope, fetched);
    return fetched;
  }

  private put(scope: string, issued: IssuedToken): void {
    const lifetimeMs = (issued.expiresIn > 0 ? issued.expiresIn : defaultTokenLifetimeSeconds) * 1000;
    this.kept.set(scope, { authorization: issued.authorization, renewAt: this.now() + lifetimeMs - Math.min(10_000, lifetimeMs / 10) });
  }
}
