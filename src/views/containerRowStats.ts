import type Docker from 'dockerode';
import * as vscode from 'vscode';
import type { DocksideConfig } from '../config';
import { EngineList, PerEngine } from '../engines/perEngine';
import type { ExplorerModel } from '../explorer/model';
import type { ExplorerNode } from '../explorer/nodes';
import { containerName } from '../explorer/present/containers';
import { EngineHealth, healthMarkdown } from '../health/healthLog';
import { RowStats } from '../stats/rowStats';
import { StatsReadings } from '../stats/statsReadings';
import { engineStatsStream } from '../stats/statsStream';
import type { ExplorerTreeProvider } from './explorerTreeProvider';

/** A connected engine as the rows' stats need it (an entry of the engine set). */
export interface RowStatsEngine {
  key: string;
  primary: boolean;
  model: ExplorerModel;
  connection: { readonly docker: Docker };
}

/**
 * What the Containers view's rows get beyond the model: the last health probes in a tooltip, and with
 * `dockside.containers.showStats`, CPU and memory in the description of running containers' rows, while the
 * Containers view is visible. One RowStats per connected engine, reading that engine's containers from that
 * engine; a row takes its text from its own engine's. Wires the pure RowStats to the setting, the view and the
 * models.
 */
export class ContainerRowStats implements vscode.Disposable {
  private readonly byEngine = new Map<string, { rowStats: RowStats; engine: RowStatsEngine }>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    provider: ExplorerTreeProvider,
    private readonly treeView: vscode.TreeView<unknown>,
    private readonly engines: EngineList<RowStatsEngine>,
    private readonly config: DocksideConfig,
  ) {
    provider.setRowText((node) => this.of(node)?.rowStats.text(node.id));
    // A container with a health check: its last probe outputs in the tooltip, read when hovered.
    provider.setTooltipExtra(async (node) => {
      const engine = this.of(node)?.engine;
      if (!engine || node.kind !== 'container' || !/\((healthy|unhealthy|health: starting)\)/.test(engine.model.containers.get(node.id)?.Status ?? '')) return undefined;
      const info = (await engine.connection.docker.getContainer(node.id).inspect()) as { State?: { Health?: EngineHealth } };
      return healthMarkdown(info.State?.Health);
    });
    this.subscriptions.push(
      config.onDidChange((event) => {
        if (event.affectsConfiguration('dockside.containers.showStats')) this.each((rowStats) => rowStats.setEnabled(config.containersShowStats));
      }),
      treeView.onDidChangeVisibility((event) => this.each((rowStats) => rowStats.setVisible(event.visible))),
      new PerEngine(engines, (engine) => this.follow(engine, provider)),
    );
  }

  /** The stats of a row's engine: its node's, else (one engine shown) the current engine's. */
  private of(node: ExplorerNode): { rowStats: RowStats; engine: RowStatsEngine } | undefined {
    const key = node.engine ?? this.engines.list().find((engine) => engine.primary)?.key;
    return key === undefined ? undefined : this.byEngine.get(key);
  }

  private each(apply: (rowStats: RowStats) => void): void {
    for (const { rowStats } of this.byEngine.values()) apply(rowStats);
  }

  /** Stats of one engine's running containers, from that engine, for as long as it is connected. */
  private follow(engine: RowStatsEngine, provider: ExplorerTreeProvider): vscode.Disposable {
    const { model } = engine;
    const rowStats = new RowStats(
      () => {
        try {
          return new StatsReadings(engineStatsStream(engine.connection.docker));
        } catch {
          return undefined;
        }
      },
      (ids) => provider.refreshRows(ids, engine.key),
    );
    const running = () =>
      model.containers
        .all()
        .filter((container) => container.State === 'running')
        .map((container) => ({ id: container.Id, name: containerName(container) }));
    const changes = model.onDidChangeResources((change) => {
      if (change.resource === 'container') rowStats.setContainers(running());
    });
    this.byEngine.set(engine.key, { rowStats, engine });
    rowStats.setContainers(running());
    rowStats.setVisible(this.treeView.visible);
    rowStats.setEnabled(this.config.containersShowStats);
    return {
      dispose: () => {
        changes.dispose();
        rowStats.dispose();
        if (this.byEngine.get(engine.key)?.rowStats === rowStats) this.byEngine.delete(engine.key);
      },
    };
  }

  dispose(): void {
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
  }
}
