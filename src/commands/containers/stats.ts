import * as vscode from 'vscode';
import type { Dockside } from '../../dockside';
import { composeLabels, containerName } from '../../explorer/present/containers';
import { StatsPanel } from '../../stats/panel/statsPanel';
import type { StatsScope } from '../../stats/scope';
import { nodesOf } from '../targets';

/** The scope of a node: a container, a Compose project, else undefined (the palette asks). */
function scopeOfNode(node: unknown): StatsScope | undefined {
  const [container] = nodesOf('container', node, undefined);
  if (container) return { kind: 'container', id: container.id, name: container.name };
  const [project] = nodesOf('composeProject', node, undefined);
  if (project) return { kind: 'composeProject', name: project.id };
  return undefined;
}

async function pickScope(dockside: Dockside): Promise<StatsScope | undefined> {
  await dockside.ensureExplorer();
  const running = dockside.explorer.containers.all().filter((container) => container.State === 'running');
  const projects = [...new Set(running.map((container) => container.Labels?.[composeLabels.project]).filter((name): name is string => !!name))].sort();
  type Item = vscode.QuickPickItem & { scope?: StatsScope };
  const items: Item[] = [
    { label: '$(server) All running containers', description: `${running.length} running`, scope: { kind: 'engine' } },
    ...(projects.length > 0 ? [{ label: 'Compose projects', kind: vscode.QuickPickItemKind.Separator } as Item] : []),
    ...projects.map((name): Item => ({ label: `$(layers) ${name}`, scope: { kind: 'composeProject', name } })),
    ...(running.length > 0 ? [{ label: 'Containers', kind: vscode.QuickPickItemKind.Separator } as Item] : []),
    ...running.map((container): Item => {
      const name = containerName(container);
      return { label: `$(vm-running) ${name}`, description: container.Image, scope: { kind: 'container', id: container.Id, name } };
    }),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Show stats of', matchOnDescription: true });
  return picked?.scope;
}

/** Opens (or reveals) the live stats panel of a container, a Compose project or all running containers. */
export const showStats = (dockside: Dockside) => async (node?: unknown) => {
  const scope = scopeOfNode(node) ?? (await pickScope(dockside));
  if (!scope) return;
  await dockside.ensureExplorer();
  StatsPanel.show(
    {
      extensionUri: dockside.extensionUri,
      docker: () => dockside.docker,
      model: dockside.explorer,
      windowSeconds: () => dockside.config.statsWindowSeconds,
    },
    scope,
  );
};
