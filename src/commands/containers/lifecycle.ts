import type { Dockside } from '../../dockside';
import { ContainerAction } from '../../engine/actions';
import type { ExplorerNode } from '../../explorer/nodes';
import { actOnContainersWithProgress, composeProjectOf } from '../explorer/progress';
import { commandTargets } from '../explorer/targets';

/**
 * Start, stop, restart, pause, unpause, kill: one handler shape over the engine's action table. Rows say
 * "Stopping…" and a window progress runs while the engine works (a stop may wait out the stop timeout).
 */
export function lifecycleCommand(action: ContainerAction) {
  return (dockside: Dockside) =>
    async (node?: unknown, nodes?: unknown): Promise<ExplorerNode[]> => {
      const targets = await commandTargets(dockside, 'container', node, nodes, {
        eligible: (candidate) => action.eligible.test(candidate.contextValue),
        placeholder: `Containers to ${action.verb}`,
        verb: action.verb,
      });
      if (targets.length === 0) {
        return [];
      }
      const docker = dockside.docker;
      return actOnContainersWithProgress(dockside.explorer, action.verb, targets, (target) => action.run(docker.getContainer(target.id)), composeProjectOf(node));
    };
}
