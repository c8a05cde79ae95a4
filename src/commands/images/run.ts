import * as vscode from 'vscode';
import type { Dockside } from '../../dockside';
import { validateImageReference } from '../../registry/imageReference';
import { AttachTerminal } from '../../run/attachTerminal';
import { defaultRunSpec } from '../../run/runMemory';
import { renderDockerRun, RunSpec, toCreateOptions } from '../../run/runSpec';
import { openTerminal } from '../../terminal/openTerminal';
import { pickImage } from '../targets';
import { askRunSpec } from './runWizard';
import { engineMessage } from '../../engine/errors';
import { containerNameClash } from '../nameClash';

/** Creates and starts the container of a spec: detached, or with a terminal attached to its TTY. */
async function startContainer(dockside: Dockside, spec: RunSpec): Promise<void> {
  const problem = validateImageReference(spec.image);
  if (problem) {
    void vscode.window.showErrorMessage(problem);
    return;
  }
  const docker = dockside.docker;
  await dockside.workflows.runMemory.remember(spec);
  try {
    const container = await docker.createContainer(toCreateOptions(spec));
    const label = spec.name ?? container.id.slice(0, 12);
    if (spec.interactive) {
      // Attach before starting so the first output is not missed; the terminal starts the container.
      openTerminal(`Run: ${label}`, new AttachTerminal(container, true));
      return;
    }
    await container.start();
    const choice = await vscode.window.showInformationMessage(`Started ${label} from ${spec.image}.`, 'Show Logs');
    if (choice === 'Show Logs') {
      await vscode.commands.executeCommand('dockside.containers.logs', { kind: 'container', id: container.id, name: label });
    }
  } catch (error) {
    void vscode.window.showErrorMessage(`Could not run ${spec.image}: ${engineMessage(error)}`);
  }
}

/** Asks for the run options (starting from the image's last run) and runs a container. */
export const runImage = (dockside: Dockside) => async (node?: unknown) => {
  const docker = dockside.docker;
  const memory = dockside.workflows.runMemory;
  const image = await pickImage(docker, node, 'Run a container from an image', memory.images());
  if (!image) return;
  await dockside.ensureExplorer();
  const spec = await askRunSpec(docker, memory.forImage(image.name) ?? defaultRunSpec(image.name), dockside.prompts, (name) => containerNameClash(dockside.explorer, name));
  if (spec) {
    await startContainer(dockside, spec);
  }
};

/** Runs the image again with the options of its last run, without asking. */
export const runImageAgain = (dockside: Dockside) => async (node?: unknown) => {
  const memory = dockside.workflows.runMemory;
  const image = await pickImage(dockside.docker, node, 'Run an image again', memory.images());
  if (!image) return;
  const spec = memory.forImage(image.name);
  if (!spec) {
    return runImage(dockside)(image);
  }
  // A fixed name would clash with the container of the last run: let the engine pick one if it is taken.
  const taken = spec.name ? (await dockside.docker.listContainers({ all: true, filters: { name: [`^/${spec.name}$`] } })).length > 0 : false;
  await startContainer(dockside, taken ? { ...spec, name: undefined } : spec);
};

/** Copies the `docker run` command equivalent to the image's last run (or a plain run) to the clipboard. */
export const copyRunCommand = (dockside: Dockside) => async (node?: unknown) => {
  const memory = dockside.workflows.runMemory;
  const image = await pickImage(dockside.docker, node, 'Copy a docker run command', memory.images());
  if (!image) return;
  const command = renderDockerRun(memory.forImage(image.name) ?? defaultRunSpec(image.name));
  await vscode.env.clipboard.writeText(command);
  void vscode.window.showInformationMessage(`Copied: ${command}`);
};
