import type { Dockside } from '../../dockside';
import type { ExplorerNode } from '../../explorer/nodes';
import { actOnEach, confirmModal, describeTargets } from '../explorer/act';
import { commandTargets } from '../explorer/targets';

export const removeVolumes =
  (dockside: Dockside) =>
  async (node?: unknown, nodes?: unknown): Promise<ExplorerNode[]> => {
    const targets = await commandTargets(dockside, 'volume', node, nodes, { placeholder: 'Volumes to remove' });
    if (targets.length === 0 || !(await confirmModal(`Remove ${describeTargets('volume', targets)}?`, 'Their data is deleted.', 'Remove'))) {
      return [];
    }
    const docker = dockside.docker;
    return actOnEach('remove', 'volume', targets, (target) => docker.getVolume(target.id).remove());
  };
