/**
 * ShellCheck runs for open documents, one process at a time so a burst of opened files cannot flood the machine,
 * and only once the server has had no new job for `quietMs`: starting a process blocks the event loop for a few
 * milliseconds, which must not land between a keystroke (or an opened file) and its diagnostics.
 * Each document has at most one job: a newer one replaces a waiting one and aborts a running one.
 */
export type ShellcheckJob = (signal: AbortSignal) => Promise<void>;

interface Entry {
  key: string;
  job: ShellcheckJob;
  controller: AbortController;
}

export class ShellcheckQueue {
  private readonly waiting = new Map<string, Entry>();
  private running: Entry | undefined;
  private disposed = false;
  private quietTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly onError: (error: unknown) => void = () => undefined,
    private readonly quietMs = 0,
  ) {}

  schedule(key: string, job: ShellcheckJob): void {
    if (this.disposed) {
      return;
    }
    this.cancel(key);
    this.waiting.set(key, { key, job, controller: new AbortController() });
    clearTimeout(this.quietTimer);
    this.quietTimer = setTimeout(() => {
      this.quietTimer = undefined;
      this.next();
    }, this.quietMs);
  }

  cancel(key: string): void {
    this.waiting.delete(key);
    if (this.running?.key === key) {
      this.running.controller.abort();
    }
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.quietTimer);
    this.waiting.clear();
    this.running?.controller.abort();
  }

  /** True while a job runs or waits (tests and benchmarks wait for quiet). */
  get busy(): boolean {
    return this.running !== undefined || this.waiting.size > 0;
  }

  private next(): void {
    if (this.running || this.disposed || this.quietTimer) {
      return;
    }
    const [first] = this.waiting.values();
    if (!first) {
      return;
    }
    this.waiting.delete(first.key);
    this.running = first;
    first
      .job(first.controller.signal)
      .catch((error: unknown) => {
        if (!first.controller.signal.aborted) {
          this.onError(error);
        }
      })
      .finally(() => {
        this.running = undefined;
        this.next();
      });
  }
}
