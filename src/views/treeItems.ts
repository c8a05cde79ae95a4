import * as vscode from 'vscode';
import type { NodeIcon } from '../explorer/nodes';

/** What a row of the model (explorer or swarm) gives its tree item. */
export interface RowShape {
  treeId: string;
  label: string;
  icon: NodeIcon;
  contextValue: string;
  children?: readonly unknown[];
  /** Whether a group starts expanded. */
  expanded?: boolean;
}

/** The tree item of a model row: label, id, description, themed icon, menus' context value, how it expands. */
export function rowTreeItem(node: RowShape, description: string | undefined): vscode.TreeItem {
  const collapsible = node.children
    ? node.expanded
      ? vscode.TreeItemCollapsibleState.Expanded
      : vscode.TreeItemCollapsibleState.Collapsed
    : vscode.TreeItemCollapsibleState.None;
  const item = new vscode.TreeItem(node.label, collapsible);
  item.id = node.treeId;
  item.description = description;
  item.iconPath = themeIcon(node.icon);
  item.contextValue = node.contextValue;
  return item;
}

export function themeIcon(icon: NodeIcon): vscode.ThemeIcon {
  return new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
}
