/**
 * A terminal that shows output written by a command (build, pull): text written before VS Code opens the
 * terminal is kept until it opens; closing the terminal aborts `signal`, which cancels the work.
 */
import { TerminalCore, TerminalSize, toTerminalNewlines } from './pty';

export class OutputTerminal extends TerminalCore {
  private pending: string[] | undefined = [];

  /** Aborted when the user closes the terminal. */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  open(_size: TerminalSize | undefined): void {
    const pending = this.pending ?? [];
    this.pending = undefined;
    pending.forEach((text) => this.write(text));
  }

  append(text: string): void {
    const converted = toTerminalNewlines(text);
    if (this.pending) {
      this.pending.push(converted);
    } else {
      this.write(converted);
    }
  }

  handleInput(): void {
    // Output only: a key press after the work ended closes the terminal.
    if (this.ended) {
      this.finish();
    }
  }

  private ended = false;

  /** The work is over: say so; the next key closes the terminal. */
  end(text: string): void {
    this.append(`${text}\n`);
    this.ended = true;
  }
}
