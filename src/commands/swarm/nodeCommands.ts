import type { Dockside } from '../../dockside';
import { NodeAvailability, setNodeAvailability, setNodeRole } from '../../swarm/swarmActions';
import { confirmModal } from '../explorer/act';
import { swarmTarget } from './swarmTargets';

/** Drain, pause or activate a swarm node. Draining moves its tasks to other nodes, so it is confirmed. */
export function nodeAvailabilityCommand(availability: NodeAvailability) {
  return (dockside: Dockside) => async (node?: unknown) => {
    const target = await swarmTarget(dockside, 'swarmNode', node, `Set a node's availability to ${availability}`);
    if (!target) return;
    if (availability === 'drain' && !(await confirmModal(`Drain node "${target.node.name}"?`, 'Its tasks are stopped there and scheduled on other nodes.', 'Drain'))) return;
    try {
      await setNodeAvailability(target.docker, target.node.id, availability);
    } catch (error) {
      void dockside.notices.failed(`Cannot set node "${target.node.name}" to ${availability}`, error);
    }
  };
}

/** Promote a worker to manager, or demote a manager to worker. */
export function nodeRoleCommand(role: 'manager' | 'worker') {
  return (dockside: Dockside) => async (node?: unknown) => {
    const verb = role === 'manager' ? 'promote' : 'demote';
    const target = await swarmTarget(dockside, 'swarmNode', node, `${verb === 'promote' ? 'Promote' : 'Demote'} a swarm node`);
    if (!target) return;
    try {
      await setNodeRole(target.docker, target.node.id, role);
    } catch (error) {
      void dockside.notices.failed(`Cannot ${verb} node "${target.node.name}"`, error);
    }
  };
}
