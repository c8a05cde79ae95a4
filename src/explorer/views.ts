import type { ExplorerModel } from './model';
import { containerTree, ContainerGrouping, ContainerSort } from './present/containers';
import { imagesInUse, imageTree } from './present/images';
import { networkTree } from './present/networks';
import { withPending } from './present/pending';
import { volumeTree, volumeUsers } from './present/volumes';
import type { ExplorerNode } from './nodes';
import type { ResourceKind } from './resources';

export interface ViewSettings {
  groupBy: ContainerGrouping;
  sortBy: ContainerSort;
  showDangling: boolean;
  showBuiltInNetworks: boolean;
}

export const defaultViewSettings: ViewSettings = { groupBy: 'composeProject', sortBy: 'name', showDangling: false, showBuiltInNetworks: false };

/** Which resource kinds each view shows, so a change to one kind refreshes only the views that show it. */
export const viewResources: Record<ResourceKind, ReadonlyArray<ResourceKind>> = {
  container: ['container'],
  image: ['image', 'container'],
  volume: ['volume', 'container'],
  network: ['network'],
};

/**
 * The root nodes of one explorer view from the model (pure). Empty while the engine is not connected: the
 * views then show their welcome content instead.
 */
export function viewRoots(model: ExplorerModel, view: ResourceKind, settings: ViewSettings, nowMs = Date.now()): ExplorerNode[] {
  if (model.state.kind !== 'connected') {
    return [];
  }
  switch (view) {
    case 'container': {
      const tree = containerTree(model.containers.values(), { groupBy: settings.groupBy, sortBy: settings.sortBy, nowMs, observedAt: (id) => model.containers.observedAt(id) });
      return model.pending.size > 0 ? withPending(tree, (id) => model.pending.get(id)) : tree;
    }
    case 'image':
      return imageTree(model.images.values(), { showDangling: settings.showDangling, nowMs, inUse: imagesInUse(model.containers.values()) });
    case 'volume':
      return volumeTree(model.volumes.values(), { users: volumeUsers(model.containers.values()), sizes: model.volumeSizes });
    case 'network':
      return networkTree(model.networks.values(), { showBuiltIn: settings.showBuiltInNetworks });
  }
}

/**
 * What a view's welcome content should say: `loading` until the engine is connected and the view's first list is
 * in (an empty tree then means "not known yet"), `empty` when the list is in and nothing is shown, else `shown`.
 */
export type ViewListState = 'loading' | 'empty' | 'shown';

export function viewListState(model: ExplorerModel, view: ResourceKind, roots: readonly ExplorerNode[]): ViewListState {
  if (model.state.kind !== 'connected' || !model.store(view).loaded) {
    return 'loading';
  }
  return roots.length === 0 ? 'empty' : 'shown';
}

/** Every resource node of a tree, depth first (for lookups by id and for tests). */
export function flattenNodes(nodes: readonly ExplorerNode[]): ExplorerNode[] {
  return nodes.flatMap((node) => [node, ...flattenNodes(node.children ?? [])]);
}
