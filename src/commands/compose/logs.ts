import * as vscode from 'vscode';
import type { Dockside } from '../../dockside';
import { ComposeLogsTerminal } from '../../logs/logsTerminal';
import { openTerminal } from '../../terminal/openTerminal';
import { followTimestampSetting } from '../containers/logs';
import { workflowSettings } from '../workflowSettings';
import { resolveComposeTargets } from './composeTarget';

/** The merged logs of a Compose project (or of its selected services) from a Compose file, a code lens or the explorer: one terminal per project. */
export const composeLogs = (dockside: Dockside) => async (...args: unknown[]) => {
  try {
    for (const target of await resolveComposeTargets(dockside, args, 'Compose Logs')) {
      const core = new ComposeLogsTerminal(
        dockside.docker,
        target.project,
        { tail: workflowSettings.logTail, showTimestamps: workflowSettings.logTimestamps },
        target.services,
      );
      followTimestampSetting(core);
      const name = target.services.length > 0 ? `${target.project}/${target.services.join(',')}` : target.project;
      openTerminal(`Logs: ${name}`, core, 'output');
    }
  } catch (error) {
    void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
  }
};
