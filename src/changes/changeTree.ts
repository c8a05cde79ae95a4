/** One entry of `GET /containers/{id}/changes`: a path and its kind (0 modified, 1 added, 2 deleted). */
export interface EngineChange {
  Path: string;
  Kind: number;
}

export type ChangeKind = 'changed' | 'added' | 'deleted';

export const changeKinds: Record<number, ChangeKind> = { 0: 'changed', 1: 'added', 2: 'deleted' };

/** A folder or file of the changes tree; a folder the engine did not list itself has no `kind`. */
export interface ChangeNode {
  name: string;
  path: string;
  kind?: ChangeKind;
  children: ChangeNode[];
}

/**
 * The flat list of changed paths as a tree under `/`: parents created as needed, folders first then names in
 * order. The engine lists a changed folder and its changed entries; both appear, the folder once. Pure.
 */
export function changeTree(changes: readonly EngineChange[]): ChangeNode[] {
  const root: ChangeNode = { name: '', path: '', children: [] };
  const byPath = new Map<string, ChangeNode>([['', root]]);
  const nodeAt = (path: string): ChangeNode => {
    const existing = byPath.get(path);
    if (existing) return existing;
    const slash = path.lastIndexOf('/');
    const parent = nodeAt(path.slice(0, Math.max(0, slash)));
    const node: ChangeNode = { name: path.slice(slash + 1), path, children: [] };
    parent.children.push(node);
    byPath.set(path, node);
    return node;
  };
  for (const change of changes) {
    const path = change.Path.replace(/\/+$/, '');
    if (!path) continue;
    nodeAt(path).kind = changeKinds[change.Kind] ?? 'changed';
  }
  const sort = (nodes: ChangeNode[]) => {
    nodes.sort((a, b) => Number(b.children.length > 0) - Number(a.children.length > 0) || a.name.localeCompare(b.name));
    for (const node of nodes) sort(node.children);
  };
  sort(root.children);
  return root.children;
}

/** "3 added, 1 changed, 2 deleted". */
export function changeSummary(changes: readonly EngineChange[]): string {
  const counts = { added: 0, changed: 0, deleted: 0 };
  for (const change of changes) counts[changeKinds[change.Kind] ?? 'changed']++;
  const parts = (['added', 'changed', 'deleted'] as const).filter((kind) => counts[kind] > 0).map((kind) => `${counts[kind]} ${kind}`);
  return parts.length > 0 ? parts.join(', ') : 'no changes';
}
