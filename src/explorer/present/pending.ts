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
      return busy ? { ...node, children, ...saying(only) } : { ...node, children };
    }
    const text = pending(node.id);
    return text === undefined ? node : { ...node, ...saying(text), icon: { id: 'loading~spin' } };
  });
}

/** A row's description replaced by an action's text: the clock-driven text it had no longer applies while the action runs. */
function saying(text: string): Pick<ExplorerNode, 'description' | 'describeAt' | 'clock'> {
  return { description: text, describeAt: undefined, clock: undefined };
}
