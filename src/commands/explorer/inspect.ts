import type { Dockside } from '../../dockside';
import type { ResourceKind } from '../../explorer/resources';
import { commandTargets } from './targets';

/** Opens each chosen resource's inspect JSON as a read-only `dockside:` document. */
export function inspectCommand(kind: ResourceKind) {
  return (dockside: Dockside) =>
    async (node?: unknown, nodes?: unknown): Promise<void> => {
      const targets = await commandTargets(dockside, kind, node, nodes, { placeholder: `${kind} to inspect`, many: false });
      for (const target of targets) {
        await dockside.inspectDocuments.show({ what: kind, id: target.id, name: target.name, engine: target.engine });
      }
    };
}
