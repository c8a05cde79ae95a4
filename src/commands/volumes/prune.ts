import type { Dockside } from '../../dockside';
import { volumeUsers } from '../../explorer/present/volumes';
import { confirmAndPrune } from '../explorer/prune';

/** Prunes the volumes no container uses, naming them first. */
export const pruneVolumes = (dockside: Dockside) => async (): Promise<string | undefined> => {
  const users = volumeUsers(dockside.explorer.containers.values());
  const candidates = dockside.explorer.volumes
    .all()
    .filter((volume) => !users.has(volume.Name))
    .map((volume) => volume.Name);
  const docker = dockside.docker;
  return confirmAndPrune('volume', candidates, `Prune ${candidates.length} unused volume(s)? Their data is deleted.`, async () => {
    // API 1.42+ prunes only anonymous volumes unless all=true; older engines ignore the filter.
    const result = await docker.pruneVolumes({ filters: { all: ['true'] } });
    return { removed: result.VolumesDeleted ?? [], reclaimed: result.SpaceReclaimed };
  });
};
