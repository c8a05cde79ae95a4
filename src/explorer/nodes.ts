import type { PublishedPort } from '../ports/portAddresses';
import type { ClockText } from './present/time';

/** Kinds of element in the explorer trees. Resource kinds carry an engine id; group kinds a grouping key. */
export type NodeKind =
  | 'container'
  | 'image'
  | 'volume'
  | 'network'
  | 'composeProject'
  | 'composeService'
  | 'containerGroup'
  | 'imageRepository'
  | 'containerFiles'
  | 'containerPath'
  | 'containerHealth'
  | 'healthProbe'
  | 'containerPorts'
  | 'containerPort'
  | 'engine'
  | 'message';

/** A theme icon id (codicon) and an optional theme colour id. */
export interface NodeIcon {
  id: string;
  color?: string;
}

/**
 * One element of an explorer tree, as command handlers receive it: `kind`, `id` (the engine id; for a Compose
 * project its name) and `name` (what the user calls it; for an image the `repo:tag` reference).
 */
export interface ExplorerNode {
  kind: NodeKind;
  id: string;
  name: string;
  /**
   * The key of the engine the node belongs to, set when several engines are shown at once (commands on the node
   * act on that engine); absent with one engine.
   */
  engine?: string;
  /** Unique within the view and stable across refreshes (the tree item id). */
  treeId: string;
  label: string;
  description?: string;
  /**
   * For rows whose text depends on the clock ("Up 5 seconds", "3 minutes ago"): every such text of the row (its
   * description and tooltip). The view re-renders the row when it changes.
   */
  clock?: ClockText;
  /** The description at a time, for rows with `clockText` (`description` is the one at the tree's build). */
  describeAt?: (nowMs: number) => string;
  icon: NodeIcon;
  /** Encodes kind and state for menus (`containerRunning`, `imageInUse`…). */
  contextValue: string;
  /** Markdown at a time, built only when the user hovers (a thousand tooltips would cost more than the tree). */
  tooltip?: (nowMs: number) => string;
  children?: ExplorerNode[];
  /** Whether a group starts expanded. */
  expanded?: boolean;
  /**
   * For rows standing for a file or folder (a container's files): its URI, which gives the row the file icon
   * theme's icon for its type; `opens` makes a click open it in an editor.
   */
  resource?: { uri: string; folder: boolean; opens?: boolean };
  /** For a published port's row: the port (Open in Browser and Copy Port Address act on it). */
  port?: PublishedPort;
}

export function groupNode(kind: NodeKind, key: string, label: string, children: ExplorerNode[], extra: Partial<ExplorerNode> = {}): ExplorerNode {
  return {
    kind,
    id: key,
    name: key,
    treeId: `${kind}:${key}`,
    label,
    description: `${children.length}`,
    icon: { id: 'folder' },
    // Never starts with a resource kind, so menu patterns like /^container/ do not match groups.
    contextValue: `group.${kind}`,
    children,
    expanded: true,
    ...extra,
  };
}
