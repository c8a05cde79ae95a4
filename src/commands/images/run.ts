import * as vscode from 'vscode';
import type { Dockside } from '../../dockside';
import { validateImageReference } from '../../registry/imageReference';
import { AttachTerminal } from '../../run/attachTerminal';
import { describeClashes, hostPortClashes } from '../../run/portClash';
import { parseContainerName, parseList, parsePort, PortMapping } from '../../run/runInputs';
import { defaultRunSpec } from '../../run/runMemory';
import { renderDockerRun, renderPort, RunSpec, toCreateOptions } from '../../run/runSpec';
import { podmanCreateOptions } from '../../engine/runtime';
import { openTerminal } from '../../terminal/openTerminal';
import { pickImage } from '../targets';
import { askRunSpec, RunChecks } from './runWizard';
import { containerNameClash } from '../nameClash';
import { containerName } from '../../explorer/present/containers';

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
    const options = toCreateOptions(spec);
    const podman = dockside.runtime === 'podman' ? podmanCreateOptions(options) : undefined;
    if (podman?.note) {
      dockside.notices.output.info(podman.note);
    }
    const container = await docker.createContainer(podman?.options ?? options);
    // Without a name of the user's, the engine picked one: say that one, not the id.
    const label = spec.name ?? (await container.inspect()).Name.replace(/^\//, '');
    if (spec.interactive) {
      // Attach before starting so the first output is not missed; the terminal starts the container.
      openTerminal(`Run: ${label}`, new AttachTerminal(container, true));
      return;
    }
    await container.start();
    const choice = await dockside.prompts.information(`Started ${label} from ${spec.image}.`, 'Show Logs');
    if (choice === 'Show Logs') {
      await vscode.commands.executeCommand('dockside.containers.logs', { kind: 'container', id: container.id, name: label });
    }
  } catch (error) {
    void dockside.notices.failed(`Could not run ${spec.image}`, error);
  }
}

/** The checks of names and host ports against the containers the explorer knows (`ignore`: ids about to go). */
function runChecks(dockside: Dockside, ignore: ReadonlySet<string> = new Set()): RunChecks {
  return {
    nameClash: (name) => containerNameClash(dockside.explorer, name),
    portClash: (ports) => {
      const clashes = hostPortClashes(ports, dockside.explorer.containers.values(), ignore);
      return clashes.length > 0 ? `Host port${clashes.length > 1 ? 's' : ''} already published: ${describeClashes(clashes)}.` : undefined;
    },
  };
}

/** Asks for the run options (starting from the image's last run) and runs a container. */
export const runImage = (dockside: Dockside) => async (node?: unknown) => {
  const docker = dockside.docker;
  const memory = dockside.workflows.runMemory;
  const image = await pickImage(docker, node, 'Run a container from an image', memory.images());
  if (!image) return;
  await dockside.ensureExplorer();
  const remembered = memory.forImage(image.name);
  const spec = await askRunSpec(docker, remembered ?? defaultRunSpec(image.name), dockside.prompts, runChecks(dockside), !remembered);
  if (spec) {
    await startContainer(dockside, spec);
  }
};

/**
 * Where the name of the last run is taken: asks whether to replace that container, pick a new name, or
 * cancel. Returns the spec to run and the id of a container to remove first, or undefined when cancelled.
 */
async function resolveNameClash(dockside: Dockside, spec: RunSpec): Promise<{ spec: RunSpec; replace?: string } | undefined> {
  const existing = spec.name ? dockside.explorer.containers.all().find((container) => containerName(container) === spec.name) : undefined;
  if (!spec.name || !existing) {
    return { spec };
  }
  const replace = 'Replace';
  const rename = 'Pick a New Name';
  const answer = await dockside.prompts.warning(
    `A container named "${spec.name}" already exists (${existing.State}).`,
    { modal: true, detail: `Replace removes it${existing.State === 'running' ? ' (stopping it)' : ''} and runs a new one with this name; or give the new container another name.` },
    replace,
    rename,
  );
  if (answer === replace) {
    return { spec, replace: existing.Id };
  }
  if (answer !== rename) {
    return undefined;
  }
  const typed = await dockside.prompts.inputBox({
    title: `Run ${spec.image} again: container name`,
    prompt: 'Container name (empty: the engine picks one)',
    value: `${spec.name}-2`,
    validateInput: (value) => {
      const parsed = parseContainerName(value);
      return parsed.ok ? (parsed.value ? containerNameClash(dockside.explorer, parsed.value) : undefined) : parsed.reason;
    },
  });
  if (typed === undefined) {
    return undefined;
  }
  const parsed = parseContainerName(typed);
  return { spec: { ...spec, name: parsed.ok ? parsed.value : undefined } };
}

/** Where host ports of the last run are published by other containers: asks for other ports, or cancels. */
async function resolvePortClash(dockside: Dockside, spec: RunSpec, ignore: ReadonlySet<string>): Promise<RunSpec | undefined> {
  const clashes = hostPortClashes(spec.ports, dockside.explorer.containers.values(), ignore);
  if (clashes.length === 0) {
    return spec;
  }
  const pick = 'Pick Other Ports';
  const answer = await dockside.prompts.warning(
    `Host port${clashes.length > 1 ? 's' : ''} ${describeClashes(clashes)} ${clashes.length > 1 ? 'are' : 'is'} already published.`,
    { modal: true, detail: 'Pick other host ports for the new container (empty host port: the engine picks a free one), or cancel.' },
    pick,
  );
  if (answer !== pick) {
    return undefined;
  }
  const checks = runChecks(dockside, ignore);
  const typed = await dockside.prompts.inputBox({
    title: `Run ${spec.image} again: published ports`,
    prompt: 'Published ports: [ip:]host:container[/tcp|udp], separated by spaces',
    value: spec.ports.map(renderPort).join(' '),
    validateInput: (value) => {
      const parsed = parseList(value, parsePort);
      return parsed.ok ? checks.portClash(parsed.value) : parsed.reason;
    },
  });
  if (typed === undefined) {
    return undefined;
  }
  const parsed = parseList(typed, parsePort);
  const ports: PortMapping[] = parsed.ok ? parsed.value : [];
  return { ...spec, ports };
}

/** Runs the image again with the options of its last run; asks only when its name or host ports are taken. */
export const runImageAgain = (dockside: Dockside) => async (node?: unknown) => {
  const memory = dockside.workflows.runMemory;
  const image = await pickImage(dockside.docker, node, 'Run an image again', memory.images());
  if (!image) return;
  const remembered = memory.forImage(image.name);
  if (!remembered) {
    return runImage(dockside)(image);
  }
  await dockside.ensureExplorer();
  const named = await resolveNameClash(dockside, remembered);
  if (!named) return;
  const ignore = new Set(named.replace ? [named.replace] : []);
  const spec = await resolvePortClash(dockside, named.spec, ignore);
  if (!spec) return;
  if (named.replace) {
    try {
      await dockside.docker.getContainer(named.replace).remove({ force: true });
    } catch (error) {
      void dockside.notices.failed(`Could not remove the container "${spec.name}" to replace it`, error);
      return;
    }
  }
  await startContainer(dockside, spec);
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
