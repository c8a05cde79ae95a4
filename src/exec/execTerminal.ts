/**
 * An exec terminal: a TTY exec in a running container, typing goes in, output comes out, a terminal resize
 * resizes the TTY, and the exit code is shown when the shell ends (the terminal then closes on a key).
 * No vscode import: VS Code gets it as a Pseudoterminal; tests drive it directly.
 */
import type Docker from 'dockerode';
import { ansi, TerminalCore, TerminalSize } from '../terminal/pty';
import { chooseShell, execExitCode, startTtyExec, TtyExec } from './execSession';
import { deadlineError, isDeadlineError, startDeadlineMs, withDeadline } from '../engine/deadline';
import { describeEngineError, engineMessage } from '../engine/errors';

export interface ExecTerminalOptions {
  /** The `dockside.exec.shell` setting (`auto` detects bash, else sh). */
  shellSetting?: string;
  /** A shell or command chosen for this invocation. */
  shellOverride?: string;
  user?: string;
  workdir?: string;
  /** How long the engine may take to start the exec before the terminal gives up with a message. */
  startDeadlineMs?: number;
}

export class ExecTerminal extends TerminalCore {
  private session: TtyExec | undefined;
  private size: TerminalSize | undefined;
  private exited = false;
  private readonly startedPromise: Promise<void>;
  private markStarted!: () => void;
  /** The exit code once the process ended. */
  exitCode: number | undefined;

  constructor(
    private readonly docker: Docker,
    private readonly containerId: string,
    private readonly options: ExecTerminalOptions,
  ) {
    super();
    this.startedPromise = new Promise((resolve) => (this.markStarted = resolve));
  }

  /** Resolves when the exec runs and its TTY has the terminal's size. */
  get started(): Promise<void> {
    return this.startedPromise;
  }

  open(size: TerminalSize | undefined): void {
    this.size = size;
    void this.run().catch((error: unknown) => {
      const message = engineMessage(error);
      this.writeLine(ansi.red(`Exec failed: ${message}`));
      if (isDeadlineError(error)) {
        this.writeLine(ansi.dim('── The engine may be frozen or overloaded. Press any key to close. ──'));
      }
      this.exited = true;
      this.markStarted();
    });
  }

  /** Picks the shell and starts it; an engine that does not answer within the deadline ends the terminal. */
  private start(abortSignal: AbortSignal): Promise<{ command: string[]; session: TtyExec }> {
    return (async () => {
      const command = await chooseShell(this.docker, this.containerId, this.options.shellSetting, this.options.shellOverride);
      const session = await startTtyExec(this.docker, this.containerId, { command, user: this.options.user, workdir: this.options.workdir, abortSignal });
      if (abortSignal.aborted || this.isClosed) {
        // The engine answered after the terminal gave up (or was closed): end the late session.
        (session.stream as NodeJS.ReadWriteStream & { destroy?: () => void }).destroy?.();
        throw deadlineError(this.options.startDeadlineMs ?? startDeadlineMs, 'the exec');
      }
      return { command, session };
    })();
  }

  private async run(): Promise<void> {
    const { command, session } = await withDeadline(this.options.startDeadlineMs ?? startDeadlineMs, 'the exec', (abortSignal) => this.start(abortSignal));
    this.session = session;
    const { stream, exec } = session;
    if (this.size) {
      await this.resize(this.size);
    }
    this.markStarted();
    stream.setEncoding('utf8');
    stream.on('data', (text: string) => this.write(text));
    await new Promise<void>((resolve) => {
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.on('error', () => resolve());
    });
    if (this.isClosed) {
      return;
    }
    let lost: unknown;
    this.exitCode = await execExitCode(exec).catch((error: unknown) => {
      lost = error;
      return undefined;
    });
    this.exited = true;
    this.writeLine('');
    if (lost !== undefined) {
      // The engine went away under the session (killed, restarted): say so rather than a bare failure.
      this.writeLine(ansi.red(`── The connection to the Docker Engine was lost: ${describeEngineError(lost)} Press any key to close. ──`));
      return;
    }
    this.writeLine(ansi.dim(`── ${command.join(' ')} exited with code ${this.exitCode ?? 'unknown'}. Press any key to close. ──`));
  }

  handleInput(data: string): void {
    if (this.exited) {
      this.finish(this.exitCode);
      return;
    }
    this.session?.stream.write(data);
  }

  setDimensions(size: TerminalSize): void {
    this.size = size;
    if (this.session) {
      void this.resize(size);
    }
  }

  private async resize(size: TerminalSize): Promise<void> {
    await this.session?.exec.resize({ h: size.rows, w: size.columns }).catch(() => undefined);
  }

  override close(): void {
    (this.session?.stream as (NodeJS.ReadWriteStream & { destroy?: () => void }) | undefined)?.destroy?.();
    super.close();
  }
}
