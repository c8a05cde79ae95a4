import * as vscode from 'vscode';
import type { Dockside } from '../../dockside';
import { ComposeLogsTerminal, ContainerLogsTerminal } from '../../logs/logsTerminal';
import { openTerminal } from '../../terminal/openTerminal';
import { nodesOf, pickContainer } from '../targets';
import { workflowSettings } from '../workflowSettings';

/** Opens a terminal per selected container that shows its logs and follows them across restarts. */
export const showContainerLogs = (dockside: Dockside) => async (node?: unknown, nodes?: unknown) => {
  const docker = dockside.docker;
  const selected = nodesOf('container', node, nodes);
  const targets = selected.length > 0 ? selected : [await pickContainer(docker, undefined, { title: 'Show the logs of a container' })];
  for (const target of targets) {
    if (target) {
      const core = new ContainerLogsTerminal(docker, target.id, { tail: workflowSettings.logTail, showTimestamps: workflowSettings.logTimestamps });
      followTimestampSetting(core);
      openTerminal(`Logs: ${target.name}`, core, 'output');
    }
  }
};

/** An open log terminal shows or hides timestamps from its next line on when `dockside.logs.timestamps` changes. */
export function followTimestampSetting(core: ContainerLogsTerminal | ComposeLogsTerminal): void {
  const subscription = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('dockside.logs.timestamps')) {
      core.setShowTimestamps(workflowSettings.logTimestamps);
    }
  });
  core.onDidClose(() => subscription.dispose());
}

export const toggleLogTimestamps = () => async () => {
  const shown = await workflowSettings.toggleLogTimestamps();
  void vscode.window.showInformationMessage(`Log terminals ${shown ? 'show' : 'hide'} timestamps (open ones from their next line).`);
};
