/**
 * Terminals showing logs: one container (follows across restarts) or a whole Compose project (every
 * container of the project merged, a coloured prefix per service, new containers joining as they start).
 * No vscode import: VS Code gets these as Pseudoterminals; tests drive them directly.
 */
import type Docker from 'dockerode';
import { ansi, TerminalCore, TerminalSize } from '../terminal/pty';
import { composeServiceOf, createServicePrefixer } from './composePrefix';
import { ContainerEventWatch } from './containerEvents';
import { followContainerLogs, LogFollowOptions } from './containerLogFollower';
import { batchLines, LogBatch } from './logDecoder';
import { engineMessage } from '../engine/errors';

/** Terminal text for a batch of log lines: CRLF, stderr in red unless the program colours it itself. */
export function renderLogBatch(batch: LogBatch, prefix = ''): string {
  if (batch.stream === 'stdout' && prefix === '') {
    return batch.text.replaceAll('\n', '\r\n');
  }
  // stderr is shown in red unless the program colours its own output.
  const paint = (line: string) => (batch.stream === 'stderr' && !line.includes('\x1b[') ? ansi.red(line) : line);
  return `${batchLines(batch).map((line) => prefix + paint(line)).join('\r\n')}\r\n`;
}

/** A log terminal: owns a copy of the follow options, which its followers read for every line. */
export abstract class LogTerminal extends TerminalCore {
  protected readonly options: LogFollowOptions;

  protected constructor(
    protected readonly docker: Docker,
    options: LogFollowOptions,
  ) {
    super();
    this.options = { ...options };
  }

  /** Shows or hides timestamps from the next line on; lines already shown stay as they are. */
  setShowTimestamps(show: boolean): void {
    if (this.options.showTimestamps !== show) {
      this.options.showTimestamps = show;
      this.writeLine(ansi.dim(`── Timestamps ${show ? 'shown' : 'hidden'} from here on. ──`));
    }
  }
}

export class ContainerLogsTerminal extends LogTerminal {
  constructor(
    docker: Docker,
    private readonly containerId: string,
    options: LogFollowOptions,
  ) {
    super(docker, options);
  }

  open(_size: TerminalSize | undefined): void {
    void followContainerLogs(
      this.docker,
      this.containerId,
      this.options,
      {
        lines: (batch) => this.write(renderLogBatch(batch)),
        notice: (text) => this.writeLine(ansi.dim(`── ${text} ──`)),
        empty: (running) => this.writeLine(ansi.dim(running ? '── No output yet: the container has printed nothing so far. ──' : '── The container has printed nothing. ──')),
      },
      this.abort.signal,
    ).then(
      () => this.writeLine(ansi.dim('── End of logs. ──')),
      (error: unknown) => this.writeLine(ansi.red(`Logs failed: ${engineMessage(error)}`)),
    );
  }
}

export class ComposeLogsTerminal extends LogTerminal {
  private readonly following = new Set<string>();

  constructor(
    docker: Docker,
    private readonly project: string,
    options: LogFollowOptions,
    /** Only these services' containers (all when empty). */
    private readonly services: readonly string[] = [],
  ) {
    super(docker, options);
  }

  private wanted(labels: Readonly<Record<string, string>> | undefined): boolean {
    return this.services.length === 0 || this.services.includes(labels?.['com.docker.compose.service'] ?? '');
  }

  open(_size: TerminalSize | undefined): void {
    void this.start().catch((error: unknown) => this.writeLine(ansi.red(`Logs failed: ${engineMessage(error)}`)));
  }

  private async start(): Promise<void> {
    const label = `com.docker.compose.project=${this.project}`;
    const containers = (await this.docker.listContainers({ all: true, filters: { label: [label] } })).filter((info) => this.wanted(info.Labels));
    if (containers.length === 0) {
      const whose = this.services.length > 0 ? `service ${this.services.join(', ')} of ` : '';
      this.writeLine(ansi.dim(`── No containers of ${whose}Compose project "${this.project}" yet; waiting for them. ──`));
    }
    const prefixer = createServicePrefixer(containers.map((info) => composeServiceOf(info.Labels, info.Names)).sort());
    const follow = (id: string, service: string) => {
      if (this.following.has(id) || this.abort.signal.aborted) {
        return;
      }
      this.following.add(id);
      const prefix = prefixer.prefix(service);
      void followContainerLogs(
        this.docker,
        id,
        this.options,
        { lines: (batch) => this.write(renderLogBatch(batch, prefix)), notice: (text) => this.writeLine(`${prefix}${ansi.dim(text)}`) },
        this.abort.signal,
      )
        .catch((error: unknown) => this.writeLine(`${prefix}${ansi.red(engineMessage(error))}`))
        .finally(() => this.following.delete(id));
    };
    // Containers created later (scale up, recreate) join the merged output when they start.
    const watch = new ContainerEventWatch(this.docker, { label }, this.abort.signal, {
      onEvent: (event) => {
        if (event.action === 'start' && this.wanted(event.attributes)) {
          follow(event.id, composeServiceOf(event.attributes, [event.attributes.name ?? event.id.slice(0, 12)]));
        }
      },
      // The event stream was down for a while: containers that started meanwhile join now.
      onResync: () =>
        void this.docker
          .listContainers({ filters: { label: [label], status: ['running'] } })
          .then((running) => running.filter((info) => this.wanted(info.Labels)).forEach((info) => follow(info.Id, composeServiceOf(info.Labels, info.Names))))
          .catch(() => undefined),
    });
    await watch.ready;
    for (const info of containers) {
      follow(info.Id, composeServiceOf(info.Labels, info.Names));
    }
  }
}
