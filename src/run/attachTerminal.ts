/**
 * A terminal attached to a container (an interactive run, or attaching to a running container): input goes to
 * the container's stdin, resizing resizes its TTY, and the terminal says when it exits. A container without a
 * TTY sends multiplexed stdout/stderr with bare LF: it is demultiplexed and each LF written as CR LF (a TTY's
 * output already has CR LF and passes as is). No vscode import.
 */
import type Docker from 'dockerode';
import { StringDecoder } from 'node:string_decoder';
import { ansi, TerminalCore, TerminalSize, toTerminalNewlines } from '../terminal/pty';
import { deadlineError, isDeadlineError, startDeadlineMs as defaultStartDeadlineMs, withDeadline } from '../engine/deadline';
import { engineMessage } from '../engine/errors';
import { FrameDemuxer, StreamKind } from '../logs/frameDemuxer';

export class AttachTerminal extends TerminalCore {
  private stream: NodeJS.ReadWriteStream | undefined;
  private size: TerminalSize | undefined;
  private exited = false;
  private tty = true;
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
    this.tty = (await withDeadline(this.startDeadlineMs, 'the inspect', (abortSignal) => this.container.inspect({ abortSignal }))).Config.Tty;
    this.stream = await withDeadline(this.startDeadlineMs, 'the attach', (abortSignal) => this.attach(abortSignal));
    if (this.tty) {
      this.stream.setEncoding('utf8');
      this.stream.on('data', (text: string) => this.write(text));
    } else {
      const decoders: Record<StreamKind, StringDecoder> = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
      const demuxer = new FrameDemuxer((kind, bytes, start, end) => this.write(toTerminalNewlines(decoders[kind].write(bytes.subarray(start, end)))));
      this.stream.on('data', (bytes: Buffer) => demuxer.push(bytes));
    }
    const ended = new Promise<void>((resolve) => {
      this.stream?.on('end', resolve);
      this.stream?.on('close', resolve);
      this.stream?.on('error', () => resolve());
    });
    if (this.start) {
      await withDeadline(this.startDeadlineMs, 'the start', (abortSignal) => this.container.start({ abortSignal }));
    }
    if (this.size && this.tty) {
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
    // Without a TTY nothing turns the terminal's Enter (CR) into the newline a line-reading process waits for.
    this.stream?.write(this.tty ? data : data.replace(/\r\n?/g, '\n'));
  }

  setDimensions(size: TerminalSize): void {
    this.size = size;
    if (this.stream && this.tty) {
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
