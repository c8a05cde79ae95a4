/**
 * A terminal attached to a container's TTY (an interactive run, or attaching to a running container):
 * input goes to the container's stdin, resizing resizes its TTY, and the terminal says when it exits.
 * No vscode import.
 */
import type Docker from 'dockerode';
import { ansi, TerminalCore, TerminalSize } from '../terminal/pty';
import { deadlineError, isDeadlineError, startDeadlineMs as defaultStartDeadlineMs, withDeadline } from '../engine/deadline';
import { engineMessage } from '../engine/errors';

export class AttachTerminal extends TerminalCore {
  private stream: NodeJS.ReadWriteStream | undefined;
  private size: TerminalSize | undefined;
  private exited = false;
  exitCode: number | undefined;

  /** `start`: start the container after attaching (an interactive run), so no output is missed. */
  constructor(
    private readonly container: Docker.Container,
    private readonly start: boolean,
    private readonly startDeadlineMs = defaultStartDeadlineMs,
  ) {
    super();
  }

  open(size: TerminalSize | undefined): void {
    this.size = size;
    void this.run().catch((error: unknown) => {
      const message = engineMessage(error);
      this.writeLine(ansi.red(`Attach failed: ${message}`));
      if (isDeadlineError(error)) {
        this.writeLine(ansi.dim('── The engine may be frozen or overloaded. Press any key to close. ──'));
        (this.stream as (NodeJS.ReadWriteStream & { destroy?: () => void }) | undefined)?.destroy?.();
      }
      this.exited = true;
    });
  }

  /** Attaches; an engine that does not answer within the deadline ends the terminal with a message. */
  private attach(abortSignal: AbortSignal): Promise<NodeJS.ReadWriteStream> {
    return (async () => {
      const stream = (await this.container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true, abortSignal })) as NodeJS.ReadWriteStream;
      if (abortSignal.aborted || this.isClosed) {
        (stream as NodeJS.ReadWriteStream & { destroy?: () => void }).destroy?.();
        throw deadlineError(this.startDeadlineMs, 'the attach');
      }
      return stream;
    })();
  }

  private async run(): Promise<void> {
    this.stream = await withDeadline(this.startDeadlineMs, 'the attach', (abortSignal) => this.attach(abortSignal));
    this.stream.setEncoding('utf8');
    this.stream.on('data', (text: string) => this.write(text));
    const ended = new Promise<void>((resolve) => {
      this.stream?.on('end', resolve);
      this.stream?.on('close', resolve);
      this.stream?.on('error', () => resolve());
    });
    if (this.start) {
      await withDeadline(this.startDeadlineMs, 'the start', (abortSignal) => this.container.start({ abortSignal }));
    }
    if (this.size) {
      await this.resize(this.size);
    }
    await ended;
    if (this.isClosed) {
      return;
    }
    const info = await this.container.inspect().catch(() => undefined);
    this.exited = true;
    if (info && !info.State.Running) {
      this.exitCode = info.State.ExitCode;
      this.writeLine(ansi.dim(`\n── The container exited with code ${info.State.ExitCode}. Press any key to close. ──`));
    } else {
      this.writeLine(ansi.dim('\n── Detached from the container. Press any key to close. ──'));
    }
  }

  handleInput(data: string): void {
    if (this.exited) {
      this.finish(this.exitCode);
      return;
    }
    this.stream?.write(data);
  }

  setDimensions(size: TerminalSize): void {
    this.size = size;
    if (this.stream) {
      void this.resize(size);
    }
  }

  private async resize(size: TerminalSize): Promise<void> {
    await this.container.resize({ h: size.rows, w: size.columns }).catch(() => undefined);
  }

  override close(): void {
    (this.stream as (NodeJS.ReadWriteStream & { destroy?: () => void }) | undefined)?.destroy?.();
    super.close();
  }
}
