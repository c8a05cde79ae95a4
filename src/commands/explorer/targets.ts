import * as vscode from 'vscode';
import type { Dockside } from '../../dockside';
import type { ExplorerNode } from '../../explorer/nodes';
import type { ResourceKind } from '../../explorer/resources';
import { defaultViewSettings, flattenNodes, viewRoots } from '../../explorer/views';
import { selectedNodes } from './selection';
import { prompts } from './prompts';

/**
 * The resources a command acts on: the tree's selection, else a quick pick (multi-select when allowed) of the
 * model's resources of that kind that `eligible` accepts. Empty when the user cancels or nothing is eligible.
 */
export async function commandTargets(
  dockside: Dockside,
  kind: ResourceKind,
  node: unknown,
  nodes: unknown,
  options: { eligible?: (node: ExplorerNode) => boolean; many?: boolean; placeholder: string; verb?: string },
): Promise<ExplorerNode[]> {
  const chosen = selectedNodes(kind, node, nodes);
  if (chosen.length > 0) {
    // From a group or a mixed selection, act on the members the action applies to.
    const eligible = chosen.filter((candidate) => options.eligible?.(candidate) ?? true);
    if (eligible.length === 0) {
      const states = chosen.map((candidate) => `"${candidate.name}" is ${candidate.contextValue.replace(/^[a-z]+/, '').replace(/\..*$/, '').toLowerCase() || 'not eligible'}`);
      void vscode.window.showInformationMessage(`Nothing to ${options.verb ?? 'do'}: ${states.join(', ')}.`);
    }
    return eligible;
  }
  await dockside.ensureExplorer();
  const state = dockside.explorer.state;
  if (state.kind !== 'connected') {
    void dockside.notices.error(state.kind === 'unreachable' ? `Docker Engine unreachable: ${state.reason}` : 'Still connecting to the Docker Engine.', {
      actions: [{ title: 'Retry', run: () => dockside.retryEngine() }],
    });
    return [];
  }
  const settings = { ...defaultViewSettings, groupBy: 'none' as const, showDangling: true, showBuiltInNetworks: true };
  const candidates = flattenNodes(viewRoots(dockside.explorer, kind, settings)).filter(
    (candidate) => candidate.kind === kind && (options.eligible?.(candidate) ?? true),
  );
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(`No ${kind} to choose from.`);
    return [];
  }
  const items = candidates.map((candidate) => ({ label: candidate.name, description: candidate.description, node: candidate }));
  if (options.many === false) {
    const picked = await prompts.quickPick(items, { placeHolder: options.placeholder });
    return picked ? [picked.node] : [];
  }
  const picked = await prompts.quickPickMany(items, { placeHolder: options.placeholder });
  return picked?.map((item) => item.node) ?? [];
}
