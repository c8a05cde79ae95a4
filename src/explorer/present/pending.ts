import type { ExplorerNode } from '../nodes';

/**
 * Rows of resources with an action under way say so ("Stopping…", a spinning icon); a group whose members
 * are all busy with the same action says it too. Pure: returns new nodes, leaves the others as they are.
 */
export function withPending(nodes: readonly ExplorerNode[], pending: (id: string) => string | undefined): ExplorerNode[] {
  return nodes.map((node) => {
    if (node.children) {
      const children = withPending(node.children, pending);
      const texts = new Set(node.children.map((child) => pending(child.id)));
      const [only] = texts;
      const busy = texts.size === 1 && only !== undefined && node.children.length > 0;
      return busy ? { ...node, children, description: only } : { ...node, children };
    }
    const text = pending(node.id);
    return text === undefined ? node : { ...node, description: text, icon: { id: 'loading~spin' } };
  });
}
