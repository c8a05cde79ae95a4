import * as vscode from 'vscode';
import type { Dockside } from '../../dockside';
import { actionFailureMessage } from '../../engine/errors';
import { processItems, TopResult } from '../../processes/processList';
import { pickContainer } from '../targets';

/**
 * Lists a running container's processes (`GET /containers/{id}/top`) in a quick pick; its Refresh button reads
 * them again. Resolves once the pick is closed.
 */
export const showProcesses = (dockside: Dockside) => async (node?: unknown) => {
  const docker = dockside.docker;
  const target = await pickContainer(docker, node, { runningOnly: true, title: 'Show the processes of' });
  if (!target) return;
  const pick = vscode.window.createQuickPick();
  const refreshButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('refresh'), tooltip: 'Refresh' };
  pick.title = `Processes in ${target.name}`;
  pick.placeholder = 'Filter by command, PID or user';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.buttons = [refreshButton];
  const load = async () => {
    pick.busy = true;
    try {
      const top = (await docker.getContainer(target.id).top({ ps_args: 'aux' })) as TopResult;
      pick.items = processItems(top);
      pick.title = `Processes in ${target.name} (${pick.items.length}, read ${new Date().toLocaleTimeString()})`;
    } catch {
      // Some engines' ps takes no arguments (a Windows engine, a `ps` without aux): read the default columns.
      try {
        const top = (await docker.getContainer(target.id).top()) as TopResult;
        pick.items = processItems(top);
      } catch (error) {
        pick.hide();
        void dockside.notices.error(actionFailureMessage('list the processes of', 'container', target.name, error));
      }
    } finally {
      pick.busy = false;
    }
  };
  await new Promise<void>((resolve) => {
    pick.onDidTriggerButton(() => void load());
    pick.onDidHide(() => {
      pick.dispose();
      resolve();
    });
    pick.show();
    void load();
  });
};
