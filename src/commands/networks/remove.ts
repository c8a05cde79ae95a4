import type { Dockside } from '../../dockside';
import type { ExplorerNode } from '../../explorer/nodes';
import { actOnEach, confirmModal, describeTargets } from '../explorer/act';
import { commandTargets } from '../explorer/targets';

export const removeNetworks =
  (dockside: Dockside) =>
  async (node?: unknown, nodes?: unknown): Promise<ExplorerNode[]> => {
    const targets = await commandTargets(dockside, 'network', node, nodes, {
      placeholder: 'Networks to remove',
      verb: 'remove',
      eligible: (candidate) => candidate.contextValue !== 'networkBuiltIn',
    });
    if (targets.length === 0 || !(await confirmModal(`Remove ${describeTargets('network', targets)}?`, undefined, 'Remove'))) {
      return [];
    }
    const docker = dockside.docker;
    return actOnEach('remove', 'network', targets, (target) => docker.getNetwork(target.id).remove());
  };
