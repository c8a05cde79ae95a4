import type Docker from 'dockerode';
import type { Dockside } from '../../dockside';
import type { ExplorerNode } from '../../explorer/nodes';
import { actOnEach } from '../explorer/act';
import { commandTargets } from '../explorer/targets';

interface LifecycleAction {
  verb: string;
  /** Which containers (by contextValue) the action applies to. */
  eligible: RegExp;
  call: (container: Docker.Container) => Promise<unknown>;
}

/** Start, stop, restart, pause, unpause, kill: one table, one handler shape. */
export const lifecycleActions = {
  start: { verb: 'start', eligible: /^container(Created|Exited|Dead)$/, call: (container) => container.start() },
  stop: { verb: 'stop', eligible: /^container(Running|Restarting|Paused)$/, call: (container) => container.stop() },
  restart: { verb: 'restart', eligible: /^container(Running|Exited|Created|Paused|Dead)$/, call: (container) => container.restart() },
  pause: { verb: 'pause', eligible: /^containerRunning$/, call: (container) => container.pause() },
  unpause: { verb: 'unpause', eligible: /^containerPaused$/, call: (container) => container.unpause() },
  kill: { verb: 'kill', eligible: /^container(Running|Restarting|Paused)$/, call: (container) => container.kill() },
} satisfies Record<string, LifecycleAction>;

export function lifecycleCommand(action: LifecycleAction) {
  return (dockside: Dockside) =>
    async (node?: unknown, nodes?: unknown): Promise<ExplorerNode[]> => {
      const targets = await commandTargets(dockside, 'container', node, nodes, {
        eligible: (candidate) => action.eligible.test(candidate.contextValue),
        placeholder: `Containers to ${action.verb}`,
      });
      const docker = targets.length > 0 ? dockside.docker : undefined;
      return actOnEach(action.verb, 'container', targets, (target) => action.call(docker!.getContainer(target.id)));
    };
}
