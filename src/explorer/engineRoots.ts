import type { EngineState, ExplorerModel } from './model';
import type { ExplorerNode } from './nodes';
import type { ResourceKind } from './resources';
import { viewListState, ViewListState, viewRoots, ViewSettings } from './views';

/** One engine as the explorer views see it: its key (its endpoint), what to call it, and its model. */
export interface ViewEngine {
  key: string;
  label: string;
  model: ExplorerModel;
}

/** A node and its subtree marked as one engine's: `engine` set, tree ids made unique across engines. */
function ofEngine(node: ExplorerNode, key: string): ExplorerNode {
  return { ...node, engine: key, treeId: `${key}|${node.treeId}`, children: node.children?.map((child) => ofEngine(child, key)) };
}

function stateText(state: EngineState): string {
  switch (state.kind) {
    case 'connected':
      return state.version;
    case 'connecting':
      return 'connecting…';
    case 'unreachable':
      return 'unreachable';
  }
}

function messageNode(key: string, label: string, icon: string): ExplorerNode {
  return { kind: 'message', id: `${key}:message`, name: label, treeId: `${key}|message`, label, icon: { id: icon }, contextValue: 'message', engine: key };
}

/**
 * The roots of one explorer view over the connected engines (pure). With one engine they are that engine's, as
 * they always were; with several, one node per engine holds that engine's resources, or why it shows none
 * (unreachable with the reason, still connecting, or empty).
 */
export function engineViewRoots(engines: readonly ViewEngine[], view: ResourceKind, settings: ViewSettings, nowMs = Date.now()): ExplorerNode[] {
  if (engines.length === 1) {
    return viewRoots(engines[0]!.model, view, settings, nowMs);
  }
  return engines.map(({ key, label, model }) => {
    const state = model.state;
    const roots = viewRoots(model, view, settings, nowMs).map((node) => ofEngine(node, key));
    let children = roots;
    if (state.kind === 'unreachable') {
      children = [messageNode(key, state.reason, 'error')];
    } else if (viewListState(model, view, roots) === 'loading') {
      children = [messageNode(key, 'Loading…', 'loading~spin')];
    } else if (roots.length === 0) {
      children = [messageNode(key, `No ${view}s.`, 'info')];
    }
    return {
      kind: 'engine',
      id: key,
      name: label,
      treeId: `engine|${key}`,
      label,
      description: stateText(state),
      tooltip: () => (state.kind === 'unreachable' ? `${label}: ${state.reason}` : `${label} (${key})`),
      icon: { id: 'server-environment', color: state.kind === 'unreachable' ? 'errorForeground' : undefined },
      contextValue: `engine.${state.kind}`,
      engine: key,
      children,
      expanded: true,
    };
  });
}

/** The welcome state of a view over several engines: that of the one engine, else always shown (the engine nodes). */
export function engineViewListState(engines: readonly ViewEngine[], view: ResourceKind, roots: readonly ExplorerNode[]): ViewListState {
  if (engines.length === 1) {
    return viewListState(engines[0]!.model, view, roots);
  }
  return engines.length === 0 ? 'loading' : 'shown';
}
