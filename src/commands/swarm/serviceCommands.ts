import * as vscode from 'vscode';
import type { Dockside } from '../../dockside';
import { ServiceLogsTerminal } from '../../logs/serviceLogsTerminal';
import { imageProblem, replicasProblem, rolloutProgress } from '../../swarm/serviceInputs';
import { removeService, rollbackService, scaleService, updateServiceImage } from '../../swarm/swarmActions';
import { updateState } from '../../swarm/swarmTree';
import type { SwarmServiceInfo, SwarmTaskInfo } from '../../swarm/swarmTypes';
import { openTerminal } from '../../terminal/openTerminal';
import { confirmModal } from '../explorer/act';
import { workflowSettings } from '../workflowSettings';
import { SwarmTarget, swarmTarget } from './swarmTargets';

async function inspectService(target: SwarmTarget): Promise<SwarmServiceInfo> {
  return (await target.docker.getService(target.node.id).inspect()) as SwarmServiceInfo;
}

export const scaleSwarmService = (dockside: Dockside) => async (node?: unknown) => {
  const target = await swarmTarget(dockside, 'swarmService', node, 'Scale a service');
  if (!target) return;
  const service = await inspectService(target).catch((error: unknown) => void dockside.notices.failed(`Cannot read service "${target.node.name}"`, error));
  if (!service) return;
  const current = service.Spec?.Mode?.Replicated?.Replicas;
  if (current === undefined) {
    void dockside.notices.info(`Service "${target.node.name}" runs one task per node (global mode): it cannot be scaled.`);
    return;
  }
  const answer = await dockside.prompts.inputBox({
    title: `Scale service "${target.node.name}"`,
    prompt: `Replicas (now ${current})`,
    value: String(current),
    validateInput: replicasProblem,
  });
  if (answer === undefined || replicasProblem(answer)) return;
  try {
    await scaleService(target.docker, target.node.id, Number(answer.trim()));
  } catch (error) {
    void dockside.notices.failed(`Cannot scale service "${target.node.name}"`, error);
  }
};

/**
 * Follows a service's update in a progress notification: tasks running the new image out of the desired
 * count, until all run it, the update pauses or rolls back, or the user stops watching (the update goes on).
 */
async function watchRollout(target: SwarmTarget, image: string, title: string): Promise<void> {
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    let shown = 0;
    const deadline = Date.now() + 30 * 60_000;
    while (!token.isCancellationRequested && Date.now() < deadline) {
      const [service, tasks] = await Promise.all([
        target.docker.getService(target.node.id).inspect() as Promise<SwarmServiceInfo>,
        target.docker.listTasks({ filters: { service: [target.node.id] } }) as Promise<SwarmTaskInfo[]>,
      ]);
      const { done, total } = rolloutProgress(service, tasks, image);
      const state = updateState(service);
      progress.report({ message: `${done} of ${total} tasks on ${image}${state ? ` (${state})` : ''}`, increment: total > 0 ? ((done - shown) / total) * 100 : undefined });
      shown = done;
      if (state === 'paused' || state?.startsWith('rollback')) {
        throw new Error(`the update stopped (${state}): ${service.UpdateStatus?.Message ?? 'a task failed'}`);
      }
      if (done >= total && !state) {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  });
}

export const updateSwarmServiceImage = (dockside: Dockside) => async (node?: unknown) => {
  const target = await swarmTarget(dockside, 'swarmService', node, 'Update the image of a service');
  if (!target) return;
  const service = await inspectService(target).catch((error: unknown) => void dockside.notices.failed(`Cannot read service "${target.node.name}"`, error));
  if (!service) return;
  const current = (service.Spec?.TaskTemplate?.ContainerSpec?.Image ?? '').replace(/@sha256:[0-9a-f]+$/, '');
  const answer = await dockside.prompts.inputBox({
    title: `Update the image of service "${target.node.name}" (rolling)`,
    prompt: 'Image reference',
    value: current,
    validateInput: imageProblem,
  });
  if (answer === undefined || imageProblem(answer)) return;
  const image = answer.trim();
  try {
    await updateServiceImage(target.docker, target.node.id, image);
    await watchRollout(target, image, `Updating service "${target.node.name}"`);
  } catch (error) {
    void dockside.notices.failed(`Cannot update service "${target.node.name}"`, error);
  }
};

export const rollbackSwarmService = (dockside: Dockside) => async (node?: unknown) => {
  const target = await swarmTarget(dockside, 'swarmService', node, 'Roll back a service');
  if (!target) return;
  try {
    const service = await inspectService(target);
    if (!service.PreviousSpec) {
      void dockside.notices.info(`Service "${target.node.name}" has no previous version to roll back to.`);
      return;
    }
    const previous = (service.PreviousSpec as SwarmServiceInfo['Spec'])?.TaskTemplate?.ContainerSpec?.Image ?? '';
    await rollbackService(target.docker, target.node.id);
    await watchRollout(target, previous.replace(/@sha256:[0-9a-f]+$/, ''), `Rolling back service "${target.node.name}"`);
  } catch (error) {
    void dockside.notices.failed(`Cannot roll back service "${target.node.name}"`, error);
  }
};

export const removeSwarmService = (dockside: Dockside) => async (node?: unknown) => {
  const target = await swarmTarget(dockside, 'swarmService', node, 'Remove a service');
  if (!target || !(await confirmModal(`Remove service "${target.node.name}"?`, 'Its tasks are stopped and removed.', 'Remove'))) return;
  try {
    await removeService(target.docker, target.node.id);
  } catch (error) {
    void dockside.notices.failed(`Cannot remove service "${target.node.name}"`, error);
  }
};

export const showSwarmServiceLogs = (dockside: Dockside) => async (node?: unknown) => {
  const target = await swarmTarget(dockside, 'swarmService', node, 'Show the logs of a service');
  if (!target) return;
  const core = new ServiceLogsTerminal(target.docker, target.node.id, target.node.name, { tail: workflowSettings.logTail, showTimestamps: workflowSettings.logTimestamps });
  const subscription = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('dockside.logs.timestamps')) {
      core.setShowTimestamps(workflowSettings.logTimestamps);
    }
  });
  core.onDidClose(() => subscription.dispose());
  openTerminal(`Logs: ${target.node.name}`, core, 'output');
};
