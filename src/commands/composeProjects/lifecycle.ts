import * as vscode from 'vscode';
import type { Dockside } from '../../dockside';
import type { ExplorerNode } from '../../explorer/nodes';
import { defaultViewSettings, viewRoots } from '../../explorer/views';
import { prompts } from '../explorer/prompts';

type ContainerCommand = (dockside: Dockside) => (node?: unknown, nodes?: unknown) => Promise<ExplorerNode[]>;

function isProject(value: unknown): value is ExplorerNode {
  return typeof value === 'object' && value !== null && (value as ExplorerNode).kind === 'composeProject' && Array.isArray((value as ExplorerNode).children);
}

/** The project nodes the model holds now (for the palette, where no node is given). */
function projectNodes(dockside: Dockside): ExplorerNode[] {
  return viewRoots(dockside.explorer, 'container', { ...defaultViewSettings, groupBy: 'composeProject' }).filter(isProject);
}

/**
 * A Compose project action ("Start Project", "Remove Project…"): the container action on every container of the
 * clicked (or selected) projects; from the palette, on a project picked from those the engine has.
 */
export function projectCommand(containerCommand: ContainerCommand) {
  return (dockside: Dockside) =>
    async (node?: unknown, nodes?: unknown): Promise<ExplorerNode[]> => {
      let projects = (Array.isArray(nodes) && nodes.includes(node) ? nodes : [node]).filter(isProject);
      if (projects.length === 0) {
        await dockside.ensureExplorer();
        const items = projectNodes(dockside).map((project) => ({ label: project.name, description: project.description, project }));
        if (items.length === 0) {
          void vscode.window.showInformationMessage('There are no Compose projects.');
          return [];
        }
        const picked = await prompts.quickPick(items, { placeHolder: 'Compose project' });
        projects = picked ? [picked.project] : [];
      }
      return projects.length === 0 ? [] : containerCommand(dockside)(projects[0], projects);
    };
}
