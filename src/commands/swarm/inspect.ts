import type { Dockside } from '../../dockside';
import type { InspectKind } from '../../inspect/inspectUri';
import type { SwarmNodeKind } from '../../swarm/swarmTree';
import { swarmTarget } from './swarmTargets';

const inspectKinds: Partial<Record<SwarmNodeKind, InspectKind>> = {
  swarmService: 'service',
  swarmNode: 'node',
  swarmTask: 'task',
  swarmSecret: 'secret',
  swarmConfig: 'config',
};

/** Opens the inspect JSON of a service, node, task, secret or config (a service from the palette). */
export const inspectSwarmObject = (dockside: Dockside) => async (node?: unknown) => {
  const kind = (node as { kind?: SwarmNodeKind } | undefined)?.kind;
  const target = await swarmTarget(dockside, kind && inspectKinds[kind] ? kind : 'swarmService', node, 'Inspect a service');
  const what = target ? inspectKinds[target.node.kind] : undefined;
  if (target && what) {
    await dockside.inspectDocuments.show({ what, id: target.node.id, name: target.node.name, engine: target.node.engineKey });
  }
};
