import type { Dockside } from '../../dockside';
import { pickContainer } from '../targets';

/** Shows `docker diff` of a container in the Container Changes view. */
export const showChanges = (dockside: Dockside) => async (node?: unknown) => {
  const target = await pickContainer(dockside.docker, node, { title: 'Show the file system changes of' });
  if (target) {
    await dockside.changes.show(target);
  }
};

export const refreshChanges = (dockside: Dockside) => () => dockside.changes.refresh();
