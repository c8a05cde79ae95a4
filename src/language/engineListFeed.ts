/**
 * One list the language server is told about the connected engine (its images, its Compose containers):
 * `refresh()` reads it and sends it unless the engine changed meanwhile; `schedule()` does so once a burst of
 * engine events has settled.
 */
export class EngineListFeed<Engine, List> {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    /** The engine to read from, or undefined while there is none or nobody to send to. */
    private readonly engine: () => Engine | undefined,
    private readonly read: (engine: Engine) => Promise<List>,
    private readonly send: (list: List) => void,
    private readonly settleMs = 250,
  ) {}

  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), this.settleMs);
  }

  async refresh(): Promise<void> {
    const engine = this.engine();
    if (engine === undefined) {
      return;
    }
    try {
      const list = await this.read(engine);
      if (engine === this.engine()) {
        this.send(list);
      }
    } catch {
      // The engine went away meanwhile: the next connection refreshes again.
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
