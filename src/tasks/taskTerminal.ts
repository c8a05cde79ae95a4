/**
 * The terminal of a Dockside task (a CustomExecution's pseudoterminal): it runs one job, streams what the job
 * writes, and closes with the job's exit code, which VS Code takes as the task's: a non-zero code stops a
 * `dependsOn` chain or a `preLaunchTask`. Closing the terminal aborts the job. No vscode import.
 */
import { engineMessage } from '../engine/errors';
import { ansi, TerminalCore, toTerminalNewlines, type TerminalSize } from '../terminal/pty';

export interface TaskOutput {
  /** Engine or tool output as it comes (LF or CRLF). */
  write(text: string): void;
  /** A line of Dockside's own. */
  line(text: string): void;
}

/** The job of a task: resolves with its exit code. A thrown error is written and ends the task with code 1. */
export type TaskJob = (output: TaskOutput, signal: AbortSignal) => Promise<number>;

export class TaskTerminal extends TerminalCore {
  /** Resolves with the exit code once the job is over (tests wait on it). */
  readonly done: Promise<number>;
  private resolveDone!: (code: number) => void;

  constructor(private readonly job: TaskJob) {
    super();
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  open(_size?: TerminalSize): void {
    const output: TaskOutput = { write: (text) => this.write(toTerminalNewlines(text)), line: (text) => this.writeLine(text) };
    void this.job(output, this.abort.signal)
      .catch((error: unknown) => {
        this.writeLine(ansi.red(engineMessage(error)));
        return 1;
      })
      .then((code) => {
        this.resolveDone(code);
        this.finish(code);
      });
  }
}
