import * as vscode from 'vscode';
import { Dockside } from './dockside';

let dockside: Dockside | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<Dockside> {
  dockside = new Dockside(context);
  await dockside.start();
  return dockside;
}

export async function deactivate(): Promise<void> {
  await dockside?.stop();
  dockside = undefined;
}
