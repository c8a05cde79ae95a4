/**
 * A terminal that shows output written by a command (build, pull): text written before VS Code opens the
 * terminal is kept until it opens; closing the terminal aborts `signal`, which cancels the work. Once the
 * work is over, the same terminal can take the next run of the same work (`reuse`).
 */
import { Emitter } from './emitter';
import { ansi, TerminalCore, TerminalSize, toTerminalNewlines } from './pty';

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
  private readonly nameEmitter = new Emitter<string>();
  /** The `vscode.Pseudoterminal` event renaming the terminal. */
  readonly onDidChangeName = this.nameEmitter.event;

  /** The work is over: say so; the next key closes the terminal. */
  end(text: string): void {
    this.append(`${text}\n`);
    this.ended = true;
  }

  /** The work is over and the user has not closed the terminal: it can take the next run. */
  get reusable(): boolean {
    return this.ended && !this.isClosed;
  }

  protected override finish(exitCode?: number): void {
    super.finish(exitCode);
    this.nameEmitter.dispose();
  }

  /** Takes the next run of the work: a dim rule between the runs, the terminal renamed when its name changed. */
  reuse(heading: string, name?: string): void {
    this.ended = false;
    this.append(`\n${ansi.dim(`── ${heading} ──`)}\n`);
    if (name !== undefined) {
      this.nameEmitter.fire(name);
    }
  }
}
