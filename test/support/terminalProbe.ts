/** Reads what a terminal core writes, and waits (with a deadline) for text to appear. */
import type { PseudoterminalLike } from '../../src/terminal/pty';

export class TerminalProbe {
  text = '';
  closedWith: number | void | undefined;
  closed = false;

  constructor(terminal: PseudoterminalLike) {
    terminal.onDidWrite((data) => (this.text += data));
    terminal.onDidClose?.((code) => {
      this.closed = true;
      this.closedWith = code;
    });
  }

  /** Text without ANSI escape sequences and with CRLF as LF, as a reader would see it. */
  get plain(): string {
    // eslint-disable-next-line no-control-regex
    return this.text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r\n/g, '\n');
  }

  async waitFor(predicate: (plain: string) => boolean, what: string, deadlineMs = 15_000): Promise<void> {
    const deadline = Date.now() + deadlineMs;
    while (!predicate(this.plain)) {
      if (Date.now() > deadline) {
        throw new Error(`Timed out waiting for ${what}; terminal shows:\n${this.plain.slice(-2000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

export async function pollUntil<T>(probe: () => Promise<T | undefined>, what: string, deadlineMs = 15_000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
