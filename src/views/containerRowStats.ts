import type Docker from 'dockerode';
import * as vscode from 'vscode';
import type { DocksideConfig } from '../config';
import type { ExplorerModel } from '../explorer/model';
import { containerName } from '../explorer/present/containers';
import { EngineHealth, healthMarkdown } from '../health/healthLog';
import { RowStats } from '../stats/rowStats';
import { StatsReadings } from '../stats/statsReadings';
import { engineStatsStream } from '../stats/statsStream';
import type { ExplorerTreeProvider } from './explorerTreeProvider';

/**
 * What the Containers view's rows get beyond the model: the last health probes in a tooltip, and with
 * `dockside.containers.showStats`, CPU and memory in the description of running containers' rows, while the
 * Containers view is visible. Wires the pure RowStats to the setting, the view and the model.
 */
export class ContainerRowStats implements vscode.Disposable {
  private readonly rowStats: RowStats;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    provider: ExplorerTreeProvider,
    treeView: vscode.TreeView<unknown>,
    model: ExplorerModel,
    config: DocksideConfig,
    docker: () => Docker,
  ) {
    this.rowStats = new RowStats(
      () => {
        try {
          return new StatsReadings(engineStatsStream(docker()));
        } catch {
          return undefined;
        }
      },
      (ids) => provider.refreshRows(ids),
    );
    provider.setRowText((id) => this.rowStats.text(id));
    // A container with a health check: its last probe outputs in the tooltip, read when hovered.
    provider.setTooltipExtra(async (node) => {
      if (node.kind !== 'container' || !/\((healthy|unhealthy|health: starting)\)/.test(model.containers.get(node.id)?.Status ?? '')) return undefined;
      const info = (await docker().getContainer(node.id).inspect()) as { State?: { Health?: EngineHealth } };
      return healthMarkdown(info.State?.Health);
    });
    const running = () =>
      model.containers
        .all()
        .filter((container) => container.State === 'running')
        .map((container) => ({ id: container.Id, name: containerName(container) }));
    this.subscriptions.push(
      config.onDidChange((event) => {
        if (event.affectsConfiguration('dockside.containers.showStats')) this.rowStats.setEnabled(config.containersShowStats);
        if (event.affectsConfiguration('dockside.host')) this.rowStats.restart();
      }),
      treeView.onDidChangeVisibility((event) => this.rowStats.setVisible(event.visible)),
      model.onDidChangeResources((change) => {
        if (change.resource === 'container') this.rowStats.setContainers(running());
      }),
      { dispose: () => this.rowStats.dispose() },
    );
    this.rowStats.setContainers(running());
    this.rowStats.setVisible(treeView.visible);
    this.rowStats.setEnabled(config.containersShowStats);
  }

  dispose(): void {
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
  }
}
