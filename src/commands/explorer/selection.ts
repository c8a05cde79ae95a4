import type { ExplorerNode } from '../../explorer/nodes';
import type { ResourceKind } from '../../explorer/resources';
import { flattenNodes } from '../../explorer/views';

function isExplorerNode(value: unknown): value is ExplorerNode {
  return typeof value === 'object' && value !== null && typeof (value as ExplorerNode).kind === 'string' && typeof (value as ExplorerNode).id === 'string';
}

/**
 * The resources of `kind` in the `(node?, nodes?)` a tree view passes to a command: the clicked node and, with
 * multi-select, all selected; a group (a Compose project, a service of it) stands for its members at any depth.
 */
export function selectedNodes(kind: ResourceKind, node: unknown, nodes: unknown): ExplorerNode[] {
  const chosen = Array.isArray(nodes) && nodes.some((value) => value === node) ? nodes : [node];
  const result = new Map<string, ExplorerNode>();
  for (const value of chosen.filter(isExplorerNode)) {
    const members = value.kind === kind ? [value] : flattenNodes(value.children ?? []).filter((child) => child.kind === kind);
    for (const member of members) {
      result.set(member.treeId, member);
    }
  }
  return [...result.values()];
}
