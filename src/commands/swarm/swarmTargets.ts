import type Docker from 'dockerode';
import type { Dockside } from '../../dockside';
import type { SwarmNodeKind, SwarmTreeNode } from '../../swarm/swarmTree';

/** A Swarm object a command acts on, with the client of the engine it belongs to. */
export interface SwarmTarget {
  node: SwarmTreeNode;
  docker: Docker;
}

function isSwarmNode(value: unknown): value is SwarmTreeNode {
  return typeof value === 'object' && value !== null && typeof (value as SwarmTreeNode).kind === 'string' && typeof (value as SwarmTreeNode).engineKey === 'string';
}

/** Every object of a kind in the Swarm view now (services, nodes…), across the engines. */
function listed(dockside: Dockside, kind: SwarmNodeKind): SwarmTreeNode[] {
  const found = new Map<string, SwarmTreeNode>();
  const walk = (nodes: SwarmTreeNode[] | undefined) =>
    nodes?.forEach((node) => {
      if (node.kind === kind && !found.has(`${node.engineKey}/${node.id}`)) {
        found.set(`${node.engineKey}/${node.id}`, node);
      }
      walk(node.children);
    });
  walk(dockside.swarm.roots());
  return [...found.values()];
}

/**
 * The object the command was run on (a view item), or one the user picks from the view's current objects
 * (from the palette). Undefined when there is none or the user cancelled.
 */
export async function swarmTarget(dockside: Dockside, kind: SwarmNodeKind, node: unknown, title: string): Promise<SwarmTarget | undefined> {
  let chosen = isSwarmNode(node) && node.kind === kind ? node : undefined;
  if (!chosen) {
    await dockside.ensureExplorer();
    const candidates = listed(dockside, kind);
    const what = kind === 'swarmNode' ? 'swarm nodes' : kind === 'swarmService' ? 'services' : 'swarm objects';
    if (candidates.length === 0) {
      void dockside.notices.info(dockside.swarm.anyManager ? `There are no ${what}.` : 'No connected engine is a swarm manager.');
      return undefined;
    }
    const picked = await dockside.prompts.quickPick(
      candidates.map((candidate) => ({ label: candidate.label, description: candidate.description, candidate })),
      { title, placeHolder: title },
    );
    chosen = picked?.candidate;
  }
  const watch = chosen ? dockside.swarm.engine(chosen.engineKey) : undefined;
  return chosen && watch ? { node: chosen, docker: watch.engine.docker } : undefined;
}
