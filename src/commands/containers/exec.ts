import * as vscode from 'vscode';
import type { Dockside } from '../../dockside';
import { ExecTerminal, ExecTerminalOptions } from '../../exec/execTerminal';
import { openTerminal } from '../../terminal/openTerminal';
import { pickContainer } from '../targets';
import { workflowSettings } from '../workflowSettings';

async function openExec(dockside: Dockside, node: unknown, ask: boolean): Promise<void> {
  const docker = dockside.docker;
  const target = await pickContainer(docker, node, { runningOnly: true, title: 'Open a shell in a running container' });
  if (!target) {
    return;
  }
  const options: ExecTerminalOptions = { shellSetting: workflowSettings.execShell, user: workflowSettings.execUser };
  if (ask) {
    const shell = await vscode.window.showInputBox({
      title: `Exec in ${target.name} (1/3): shell or command`,
      prompt: 'Empty: bash when the container has it, else sh (or the dockside.exec.shell setting)',
      placeHolder: 'e.g. /bin/ash, python3, sh -l',
    });
    if (shell === undefined) return;
    const user = await vscode.window.showInputBox({
      title: `Exec in ${target.name} (2/3): user`,
      prompt: 'user, uid, user:group or uid:gid; empty: the container\'s user',
      value: options.user,
      validateInput: (value) => (/^[\w.-]*(?::[\w.-]+)?$/.test(value.trim()) ? undefined : 'Expected user, uid, user:group or uid:gid.'),
    });
    if (user === undefined) return;
    const workdir = await vscode.window.showInputBox({
      title: `Exec in ${target.name} (3/3): working directory`,
      prompt: 'An absolute path in the container; empty: the container\'s working directory',
      validateInput: (value) => (value.trim() === '' || value.trim().startsWith('/') ? undefined : 'The working directory must be an absolute path.'),
    });
    if (workdir === undefined) return;
    Object.assign(options, { shellOverride: shell.trim() || undefined, user: user.trim(), workdir: workdir.trim() || undefined });
  }
  openTerminal(`Exec: ${target.name}`, new ExecTerminal(docker, target.id, options));
}

/** A shell in a running container over the Engine API's exec stream (bash when present, else sh). */
export const execInContainer = (dockside: Dockside) => (node?: unknown) => openExec(dockside, node, false);

/** The same, asking for the shell or command, the user and the working directory first. */
export const execInContainerWithOptions = (dockside: Dockside) => (node?: unknown) => openExec(dockside, node, true);
