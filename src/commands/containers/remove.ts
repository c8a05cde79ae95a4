import type { Dockside } from '../../dockside';
import { removeContainer } from '../../engine/actions';
import type { ExplorerNode } from '../../explorer/nodes';
import { describeTargets } from '../explorer/act';
import { actOnContainersWithProgress, composeProjectOf } from '../explorer/progress';
import { commandTargets } from '../explorer/targets';
import { prompts } from '../explorer/prompts';

/** Removes containers after a modal naming them, with the force and anonymous-volume options. */
export const removeContainers =
  (dockside: Dockside) =>
  async (node?: unknown, nodes?: unknown): Promise<ExplorerNode[]> => {
    const targets = await commandTargets(dockside, 'container', node, nodes, { placeholder: 'Containers to remove' });
    if (targets.length === 0) {
      return [];
    }
    const running = targets.filter((target) => /^container(Running|Restarting|Paused)(\.|$)/.test(target.contextValue));
    const remove = 'Remove';
    const removeWithVolumes = 'Remove with Anonymous Volumes';
    const detail = running.length > 0 ? `Running containers are stopped first (force): ${running.map((target) => target.name).join(', ')}.` : undefined;
    const answer = await prompts.warning(
      `Remove ${describeTargets('container', targets)}?`,
      { modal: true, detail },
      remove,
      removeWithVolumes,
    );
    if (answer !== remove && answer !== removeWithVolumes) {
      return [];
    }
    const docker = dockside.docker;
    return actOnContainersWithProgress(
      dockside.explorer,
      'remove',
      targets,
      (target) => removeContainer(docker, target.id, { removeVolumes: answer === removeWithVolumes }),
      composeProjectOf(node),
    );
  };
