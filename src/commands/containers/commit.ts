import * as vscode from 'vscode';
import type { Dockside } from '../../dockside';
import { validateImageReference } from '../../registry/imageReference';
import { commitContainer } from '../../registry/registryOperations';
import { pickContainer } from '../targets';

/** Makes an image of a container's current file system, asking for its name and a message. */
export const commitContainerCommand = (dockside: Dockside) => async (node?: unknown) => {
  const docker = dockside.docker;
  const target = await pickContainer(docker, node, { title: 'Commit a container to an image' });
  if (!target) {
    return;
  }
  const reference = await vscode.window.showInputBox({
    title: `Commit ${target.name} (1/2): image name`,
    prompt: 'repository[:tag]',
    value: `${target.name.toLowerCase().replace(/[^a-z0-9._/-]/g, '-')}:snapshot`,
    validateInput: validateImageReference,
  });
  if (reference === undefined) return;
  const message = await vscode.window.showInputBox({ title: `Commit ${target.name} (2/2): message`, prompt: 'Optional commit message' });
  if (message === undefined) return;
  const result = await commitContainer(docker, { containerId: target.id, reference, message });
  if (result.ok) {
    void vscode.window.showInformationMessage(`Committed ${target.name} as ${result.detail}.`);
  } else {
    void dockside.notices.error(result.message);
  }
};
