/**
 * The contract of explorer nodes handed to command handlers: `{ kind, id, name }` (`id` the engine id, or
 * the project name for a Compose project; `name` the `repo:tag` reference for an image). Pure.
 */
export interface TargetNode {
  kind: string;
  id: string;
  name: string;
}

function isNode(value: unknown, kind: string): value is TargetNode {
  return typeof value === 'object' && value !== null && (value as TargetNode).kind === kind && typeof (value as TargetNode).id === 'string';
}

/**
 * The nodes a handler `(node?, nodes?)` acts on: the multi-selection when it includes the clicked node,
 * else the clicked node; nodes of another kind are left out.
 */
export function nodesOf(kind: string, node: unknown, nodes: unknown): TargetNode[] {
  const selection = Array.isArray(nodes) ? nodes.filter((item): item is TargetNode => isNode(item, kind)) : [];
  if (isNode(node, kind)) {
    return selection.some((item) => item.id === node.id) ? selection : [node];
  }
  return selection;
}
