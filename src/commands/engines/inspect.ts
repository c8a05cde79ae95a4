import type { Dockside } from '../../dockside';
import { engineRowTarget } from './rowTarget';

/** Opens an engine's declaration and, when connected, its /version and /info, as a read-only JSON document. */
export const inspectEngine =
  (dockside: Dockside) =>
  async (node?: unknown): Promise<void> => {
    const row = await engineRowTarget(dockside, node, () => true, 'Engine to inspect');
    if (row) {
      await dockside.inspectDocuments.show({ what: 'engine', id: row.id, name: row.name });
    }
  };
