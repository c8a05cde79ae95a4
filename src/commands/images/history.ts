import type { Dockside } from '../../dockside';
import { commandTargets } from '../explorer/targets';

/** Opens an image's layers (size, created, instruction) as a read-only document. */
export const showImageHistory =
  (dockside: Dockside) =>
  async (node?: unknown, nodes?: unknown): Promise<void> => {
    const [target] = await commandTargets(dockside, 'image', node, nodes, { placeholder: 'Image whose history to show', many: false });
    if (target) {
      await dockside.inspectDocuments.show({ what: 'history', id: target.id, name: target.name, engine: target.engine });
    }
  };
