import type { Dockside } from '../../dockside';
import { pruneNetworks as pruneNetworksOnEngine } from '../../engine/actions';
import { isBuiltInNetwork } from '../../explorer/present/networks';
import { confirmAndPrune } from '../explorer/prune';

/** Prunes the networks no container is connected to (never the built-in ones). */
export const pruneNetworks = (dockside: Dockside) => async (): Promise<string | undefined> => {
  await dockside.ensureExplorer();
  const listedAt = Date.now() / 1000;
  const candidates = dockside.explorer.networks
    .all()
    .filter((network) => !isBuiltInNetwork(network) && Object.keys(network.Containers ?? {}).length === 0)
    .map((network) => network.Name);
  const docker = dockside.docker;
  return confirmAndPrune('network', candidates, `Prune ${candidates.length} unused network(s)?`, () => pruneNetworksOnEngine(docker, { until: listedAt }));
};
