import * as vscode from 'vscode';
import type { PseudoterminalLike } from './pty';

/** Shows a Dockside terminal core in the editor's terminal panel. The terminal owns the core's lifetime. */
export function openTerminal(name: string, core: PseudoterminalLike, icon = 'terminal'): vscode.Terminal {
  const terminal = vscode.window.createTerminal({ name, pty: core as vscode.Pseudoterminal, iconPath: new vscode.ThemeIcon(icon) });
  terminal.show();
  return terminal;
}
