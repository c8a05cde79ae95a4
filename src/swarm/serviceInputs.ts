/** Checks of what the user types for Swarm actions, with the message shown under the input box. Pure. */
import type { SwarmServiceInfo, SwarmTaskInfo } from './swarmTypes';
import { imageWithoutDigest } from './swarmTree';

/** The most replicas the input accepts (a typo of a few zeros should not start a million tasks). */
export const maxReplicas = 1000;

/** An error message for a replica count, or undefined when it is a whole number from 0 to maxReplicas. */
export function replicasProblem(text: string): string | undefined {
  const value = text.trim();
  if (!/^\d+$/.test(value)) {
    return 'Type a whole number of replicas (0 stops every task).';
  }
  if (Number(value) > maxReplicas) {
    return `At most ${maxReplicas} replicas.`;
  }
  return undefined;
}

/** An error message for an image reference, or undefined when it looks like one (`name[:tag][@digest]`). */
export function imageProblem(text: string): string | undefined {
  const value = text.trim();
  if (!value) {
    return 'Type an image reference, like registry.example:5000/app:2.';
  }
  if (/\s/.test(value)) {
    return 'An image reference has no spaces.';
  }
  if (!/^[a-z0-9][a-z0-9._\-/:]*(@sha256:[0-9a-f]{64})?$/i.test(value) || /[:/]$/.test(value)) {
    return `"${value}" is not an image reference.`;
  }
  return undefined;
}

/** How far a rolling update has come: current tasks running the new image, of the desired count (pure). */
export function rolloutProgress(service: SwarmServiceInfo, tasks: SwarmTaskInfo[], image: string): { done: number; total: number } {
  const own = tasks.filter((task) => task.ServiceID === service.ID && task.DesiredState === 'running');
  const done = own.filter((task) => task.Status?.State === 'running' && imageWithoutDigest(task.Spec?.ContainerSpec?.Image) === imageWithoutDigest(image)).length;
  const total = service.Spec?.Mode?.Replicated?.Replicas ?? service.ServiceStatus?.DesiredTasks ?? own.length;
  return { done, total };
}
