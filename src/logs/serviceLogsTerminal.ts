/**
 * A terminal with a Swarm service's logs: every task's lines merged by the engine (`/services/{id}/logs`, which
 * works across the swarm's nodes), each prefixed by its task (`web.2 |`) in the Compose prefix colours. The
 * engine's stream carries on across task restarts and updates (new tasks join it); when the stream itself ends
 * (the engine restarted, the connection dropped) it is read again from the last line shown. No vscode import.
 */
import type Docker from 'dockerode';
import { Backoff } from '../engine/backoff';
import { engineMessage, engineStatusCode } from '../engine/errors';
import { ansi, TerminalSize } from '../terminal/pty';
import { createServicePrefixer, ServicePrefixer } from './composePrefix';
import { LogFollowOptions } from './containerLogFollower';
import { EventLineParser } from '../engine/events';
import { batchLines, LogBatch, LogDecoder } from './logDecoder';
import { LogTerminal } from './logsTerminal';
import { readLogs } from './logStream';
import { ResumePoint } from './logTimestamps';
import { parseServiceLogLine } from './serviceLogLine';

interface TaskListing {
  ID: string;
  Slot?: number;
  NodeID?: string;
}

export class ServiceLogsTerminal extends LogTerminal {
  /** Task id → `web.2` (or `web.<node id>` for a global service). */
  private readonly names = new Map<string, string>();
  private prefixer: ServicePrefixer = createServicePrefixer([]);
  /** Lines are written in order; a batch naming an unknown task waits for the task list. */
  private chain: Promise<void> = Promise.resolve();

  constructor(
    docker: Docker,
    private readonly serviceId: string,
    private readonly serviceName: string,
    options: LogFollowOptions,
  ) {
    super(docker, options);
  }

  open(_size: TerminalSize | undefined): void {
    void this.follow().then(
      () => this.writeLine(ansi.dim('── End of logs. ──')),
      (error: unknown) => this.writeLine(ansi.red(`Logs failed: ${engineMessage(error)}`)),
    );
  }

  private async loadTaskNames(): Promise<void> {
    const tasks = (await this.docker.listTasks({ filters: { service: [this.serviceId] } })) as TaskListing[];
    for (const task of tasks) {
      this.names.set(task.ID, `${this.serviceName}.${task.Slot ?? task.NodeID?.slice(0, 12) ?? task.ID.slice(0, 12)}`);
    }
    this.prefixer = createServicePrefixer([...new Set(this.names.values())].sort());
  }

  /**
   * The engine keeps a service's log stream open after the service is removed: its `remove` event ends the
   * read instead. Resolves once the event stream is open.
   */
  private async watchRemoval(onRemoved: () => void): Promise<void> {
    const options: Docker.GetEventsOptions = { filters: { type: ['service'], service: [this.serviceId] } as Docker.GetEventsOptions['filters'] };
    const events = await this.docker.getEvents(options);
    const parser = new EventLineParser();
    events.on('data', (chunk: Buffer) => {
      if (parser.push(chunk).some((event) => event.Action === 'remove')) {
        onRemoved();
      }
    });
    events.on('error', () => undefined);
    const stop = () => (events as unknown as { destroy(): void }).destroy();
    if (this.abort.signal.aborted) {
      stop();
    } else {
      this.abort.signal.addEventListener('abort', stop, { once: true });
    }
  }

  private async follow(): Promise<void> {
    let removed = false;
    let read: AbortController | undefined;
    await this.watchRemoval(() => {
      removed = true;
      read?.abort();
    });
    const service = (await this.docker.getService(this.serviceId).inspect()) as { Spec?: { TaskTemplate?: { ContainerSpec?: { TTY?: boolean } } } };
    const tty = service.Spec?.TaskTemplate?.ContainerSpec?.TTY ?? false;
    await this.loadTaskNames();
    const resume = new ResumePoint();
    const backoff = new Backoff(250, 5_000);
    let first = true;
    const signal = this.abort.signal;
    while (!signal.aborted) {
      const since = first ? undefined : resume.beginReplay();
      const decoder = new LogDecoder({
        tty,
        resume,
        // Timestamps are always asked for (to resume after a lost stream); shown as the setting says.
        get showTimestamps() {
          return true;
        },
        onLines: (batch) => this.enqueue(batch),
      });
      const query = { follow: this.options.follow !== false, timestamps: true, details: true, tail: first ? this.options.tail : undefined, since };
      read = new AbortController();
      const forward = () => read?.abort();
      signal.addEventListener('abort', forward, { once: true });
      try {
        await readLogs(this.docker, this.serviceId, query, decoder, read.signal, 'services');
        decoder.flush();
        backoff.reset();
      } catch (error) {
        if (engineStatusCode(error) === 404 || removed) {
          await this.chain;
          this.writeLine(ansi.dim('── The service was removed. ──'));
          return;
        }
        this.writeLine(ansi.dim(`── Logs interrupted (${engineMessage(error)}); reading again… ──`));
      } finally {
        signal.removeEventListener('abort', forward);
      }
      first = false;
      if (removed) {
        await this.chain;
        this.writeLine(ansi.dim('── The service was removed. ──'));
        return;
      }
      if (this.options.follow === false || signal.aborted) {
        break;
      }
      // The stream ended: is the service still there?
      const gone = await this.docker
        .getService(this.serviceId)
        .inspect()
        .then(
          () => false,
          (error: unknown) => engineStatusCode(error) === 404,
        );
      if (gone) {
        await this.chain;
        this.writeLine(ansi.dim('── The service was removed. ──'));
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, backoff.next()));
    }
    await this.chain;
  }

  private enqueue(batch: LogBatch): void {
    this.chain = this.chain.then(() => this.writeBatch(batch)).catch(() => undefined);
  }

  private async writeBatch(batch: LogBatch): Promise<void> {
    const lines = batchLines(batch).map(parseServiceLogLine);
    if (lines.some((line) => line.taskId && !this.names.has(line.taskId))) {
      // A task started since the list was read (a restart, a scale up, an update).
      await this.loadTaskNames().catch(() => undefined);
    }
    const text = lines
      .map((line) => {
        const task = line.taskId ? (this.names.get(line.taskId) ?? line.taskId.slice(0, 12)) : this.serviceName;
        const stamp = this.options.showTimestamps ? line.stamp : '';
        const body = `${stamp}${line.text}`;
        return this.prefixer.prefix(task) + (batch.stream === 'stderr' && !body.includes('\x1b[') ? ansi.red(body) : body);
      })
      .join('\r\n');
    this.write(`${text}\r\n`);
  }
}
