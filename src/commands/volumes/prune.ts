import type { Dockside } from '../../dockside';
import { pruneVolumes as pruneVolumesOnEngine } from '../../engine/actions';
import { volumeUsers } from '../../explorer/present/volumes';
import { confirmAndPrune } from '../explorer/prune';

/** Prunes the volumes no container uses, naming them first. */
export const pruneVolumes = (dockside: Dockside) => async (): Promise<string | undefined> => {
  await dockside.ensureExplorer();
  const users = volumeUsers(dockside.explorer.containers.values());
  const candidates = dockside.explorer.volumes
    .all()
    .filter((volume) => !users.has(volume.Name))
    .map((volume) => volume.Name);
  const docker = dockside.docker;
  return confirmAndPrune('volume', candidates, `Prune ${candidates.length} unused volume(s)? Their data is deleted.`, () => pruneVolumesOnEngine(docker));
};
