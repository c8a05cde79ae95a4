import type Docker from 'dockerode';
import { ExplorerNode } from '../nodes';
import { compareNames, markdownTable } from './format';

export interface NetworkViewOptions {
  showBuiltIn: boolean;
}

/** The engine's own networks (bridge, host, none), which cannot be removed. */
export function isBuiltInNetwork(network: Docker.NetworkInspectInfo): boolean {
  return ['bridge', 'host', 'none'].includes(network.Name) && ['bridge', 'host', 'null'].includes(network.Driver);
}

export function networkSubnets(network: Docker.NetworkInspectInfo): string[] {
  return (network.IPAM?.Config ?? []).map((config) => config.Subnet).filter((subnet): subnet is string => Boolean(subnet));
}

export function networkNode(network: Docker.NetworkInspectInfo): ExplorerNode {
  const builtIn = isBuiltInNetwork(network);
  const subnets = networkSubnets(network);
  return {
    kind: 'network',
    id: network.Id,
    name: network.Name,
    treeId: network.Id,
    label: network.Name,
    description: [network.Driver, network.Scope, subnets.join(', '), network.Internal ? 'internal' : ''].filter(Boolean).join(' · '),
    icon: builtIn ? { id: 'globe' } : { id: 'type-hierarchy-sub' },
    contextValue: builtIn ? 'networkBuiltIn' : 'network',
    tooltip: () =>
      markdownTable(network.Name, [
        ['ID', network.Id],
        ['Driver', network.Driver],
        ['Scope', network.Scope],
        ['Subnets', subnets],
        ['Internal', network.Internal ? 'yes' : undefined],
        ['Containers', Object.values(network.Containers ?? {}).map((container) => container.Name)],
        ['Labels', Object.entries(network.Labels ?? {}).map(([key, value]) => `${key}=${value}`)],
      ]),
  };
}

export function networkTree(networks: Iterable<Docker.NetworkInspectInfo>, options: NetworkViewOptions): ExplorerNode[] {
  return [...networks]
    .filter((network) => options.showBuiltIn || !isBuiltInNetwork(network))
    .sort((a, b) => compareNames(a.Name, b.Name))
    .map(networkNode);
}
