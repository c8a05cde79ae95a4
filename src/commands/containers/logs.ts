import * as vscode from 'vscode';
import type { Dockside } from '../../dockside';
import { ContainerLogsTerminal } from '../../logs/logsTerminal';
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
      openTerminal(`Logs: ${target.name}`, core, 'output');
    }
  }
};

export const toggleLogTimestamps = () => async () => {
  const shown = await workflowSettings.toggleLogTimestamps();
  void vscode.window.showInformationMessage(`Log terminals opened from now on ${shown ? 'show' : 'hide'} timestamps.`);
};
