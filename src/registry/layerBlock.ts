/**
 * Redraws the per-layer lines of a pull or push in place in a terminal: the cursor goes back up over the
 * previous block and each line is cleared before it is written again. Pure.
 */
export class LayerBlock {
  private shown = 0;

  /** The terminal text that replaces the previous block with `lines`. */
  render(lines: string[]): string {
    const up = this.shown > 0 ? `\x1b[${this.shown}A` : '';
    this.shown = lines.length;
    return up + lines.map((line) => `\r\x1b[2K${line}\n`).join('');
  }
}

/** Calls `run` at most every `intervalMs`, and once more at the end with the last state (`flush`). */
export function throttle(run: () => void, intervalMs: number): { request(): void; flush(): void } {
  let last = 0;
  let timer: NodeJS.Timeout | undefined;
  const fire = () => {
    timer = undefined;
    last = Date.now();
    run();
  };
  return {
    request() {
      if (timer) return;
      const wait = last + intervalMs - Date.now();
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    },
    flush() {
      if (timer) clearTimeout(timer);
      fire();
    },
  };
}
