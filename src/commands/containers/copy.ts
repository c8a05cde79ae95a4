import * as vscode from 'vscode';
import type { Dockside } from '../../dockside';
import { commandTargets } from '../explorer/targets';

/** Copies the ids or names of the chosen containers, one per line. */
export function copyContainerField(field: 'id' | 'name') {
  return (dockside: Dockside) =>
    async (node?: unknown, nodes?: unknown): Promise<string | undefined> => {
      const targets = await commandTargets(dockside, 'container', node, nodes, { placeholder: `Container ${field} to copy` });
      if (targets.length === 0) {
        return undefined;
      }
      const text = targets.map((target) => target[field]).join('\n');
      await vscode.env.clipboard.writeText(text);
      vscode.window.setStatusBarMessage(`Copied ${targets.length === 1 ? field : `${targets.length} ${field}s`}: ${text.split('\n')[0]}${targets.length > 1 ? '…' : ''}`, 3000);
      return text;
    };
}
