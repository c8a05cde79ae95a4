import { setMaxListeners } from 'node:events';
import { Emitter, Event } from './emitter';

export interface TerminalSize {
  columns: number;
  rows: number;
}

/** The `vscode.Pseudoterminal` contract, restated without importing vscode so cores run in node tests. */
export interface PseudoterminalLike {
  onDidWrite: Event<string>;
  onDidClose?: Event<number | void>;
  open(initialDimensions: TerminalSize | undefined): void;
  close(): void;
  handleInput?(data: string): void;
  setDimensions?(dimensions: TerminalSize): void;
}

/** Terminals want CRLF; engine output of non-TTY processes has bare LF. */
export function toTerminalNewlines(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

export const ansi = {
  red: (text: string) => `\x1b[31m${text}\x1b[0m`,
  dim: (text: string) => `\x1b[2m${text}\x1b[0m`,
  bold: (text: string) => `\x1b[1m${text}\x1b[0m`,
  colour: (code: number, text: string) => `\x1b[${code}m${text}\x1b[0m`,
};

/**
 * Base of every Dockside terminal: owns the write/close emitters and an AbortController that is aborted when
 * the user closes the terminal, so engine streams end with it.
 */
export abstract class TerminalCore implements PseudoterminalLike {
  private readonly writeEmitter = new Emitter<string>();
  private readonly closeEmitter = new Emitter<number | void>();
  protected readonly abort = new AbortController();
  private closed = false;

  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;

  constructor() {
    // Every engine request and stream of the terminal listens on this signal.
    setMaxListeners(0, this.abort.signal);
  }

  abstract open(initialDimensions: TerminalSize | undefined): void;

  /** Writes text as-is (the caller decides on newlines). */
  protected write(text: string): void {
    if (!this.closed && text.length > 0) {
      this.writeEmitter.fire(text);
    }
  }

  /** Writes a line of Dockside's own (status, errors), in CRLF. */
  protected writeLine(text: string): void {
    this.write(`${toTerminalNewlines(text)}\r\n`);
  }

  /** Ends the terminal from our side (the process ended). */
  protected finish(exitCode?: number): void {
    if (this.closed) {
      return;
    }
    this.abort.abort();
    this.closeEmitter.fire(exitCode);
    this.closed = true;
    this.writeEmitter.dispose();
    this.closeEmitter.dispose();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Called by VS Code when the user closes the terminal. */
  close(): void {
    this.finish();
  }
}
