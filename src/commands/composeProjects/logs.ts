import * as vscode from 'vscode';
import type { Dockside } from '../../dockside';
import { ComposeLogsTerminal } from '../../logs/logsTerminal';
import { openTerminal } from '../../terminal/openTerminal';
import { nodesOf } from '../targets';
import { workflowSettings } from '../workflowSettings';
import { followTimestampSetting } from '../containers/logs';

/** One terminal with the logs of every service of a Compose project, each line prefixed by its service. */
export const showComposeProjectLogs = (dockside: Dockside) => async (node?: unknown) => {
  const docker = dockside.docker;
  let [project] = nodesOf('composeProject', node, undefined).map((target) => target.id);
  if (!project) {
    const containers = await docker.listContainers({ all: true, filters: { label: ['com.docker.compose.project'] } });
    const projects = [...new Set(containers.map((info) => info.Labels['com.docker.compose.project']))].sort();
    if (projects.length === 0) {
      void vscode.window.showInformationMessage('There are no Compose projects.');
      return;
    }
    project = (await vscode.window.showQuickPick(projects, { title: 'Show the logs of a Compose project' })) ?? '';
  }
  if (project) {
    const core = new ComposeLogsTerminal(docker, project, { tail: workflowSettings.logTail, showTimestamps: workflowSettings.logTimestamps });
    followTimestampSetting(core);
    openTerminal(`Logs: ${project}`, core, 'output');
  }
};
