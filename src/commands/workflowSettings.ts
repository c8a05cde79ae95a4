import * as vscode from 'vscode';
import { readMachineSetting } from '../config';

/** Typed access to the `dockside.logs.*` and `dockside.exec.*` settings used by the logs and exec commands. */
export const workflowSettings = {
  /** Lines of history a logs terminal starts with; 0 shows all. */
  get logTail(): number | 'all' {
    const tail = vscode.workspace.getConfiguration('dockside.logs').get<number>('tail', 1000);
    return tail > 0 ? Math.floor(tail) : 'all';
  },
  get logTimestamps(): boolean {
    return vscode.workspace.getConfiguration('dockside.logs').get<boolean>('timestamps', false);
  },
  async toggleLogTimestamps(): Promise<boolean> {
    const next = !this.logTimestamps;
    await vscode.workspace.getConfiguration('dockside.logs').update('timestamps', next, vscode.ConfigurationTarget.Global);
    return next;
  },
  /** `auto` (bash when the container has it, else sh), or a shell command. */
  get execShell(): string {
    return readMachineSetting('dockside.exec', 'shell', 'auto');
  },
  get execUser(): string {
    return readMachineSetting('dockside.exec', 'user', '');
  },
};
