import type Docker from 'dockerode';
import type { VolumeResource } from '../resources';
import { ExplorerNode } from '../nodes';
import { compareNames, formatBytes, markdownTable } from './format';
import { containerName } from './containers';

export interface VolumeViewOptions {
  /** Volume name → names of the containers that mount it. */
  users: ReadonlyMap<string, string[]>;
  sizes: ReadonlyMap<string, number>;
}

/** Volume name → names of the containers mounting it, from the container list's mounts. */
export function volumeUsers(containers: Iterable<Docker.ContainerInfo>): Map<string, string[]> {
  const users = new Map<string, string[]>();
  for (const container of containers) {
    for (const mount of container.Mounts ?? []) {
      if (mount.Type === 'volume' && mount.Name) {
        const list = users.get(mount.Name) ?? [];
        list.push(containerName(container));
        users.set(mount.Name, list);
      }
    }
  }
  return users;
}

export function volumeNode(volume: VolumeResource, options: VolumeViewOptions): ExplorerNode {
  const users = [...(options.users.get(volume.Name) ?? [])].sort();
  const size = options.sizes.get(volume.Name);
  const usedBy = users.length === 0 ? 'unused' : users.length <= 2 ? users.join(', ') : `${users.length} containers`;
  return {
    kind: 'volume',
    id: volume.Name,
    name: volume.Name,
    treeId: volume.Name,
    label: volume.Name,
    description: [volume.Driver, usedBy, size !== undefined ? formatBytes(size) : ''].filter(Boolean).join(' · '),
    icon: users.length > 0 ? { id: 'database', color: 'charts.green' } : { id: 'database' },
    contextValue: users.length > 0 ? 'volumeInUse' : 'volume',
    tooltip: () =>
      markdownTable(volume.Name, [
        ['Driver', volume.Driver],
        ['Mountpoint', volume.Mountpoint],
        ['Scope', volume.Scope],
        ['Size', size !== undefined ? formatBytes(size) : undefined],
        ['Used by', users],
        ['Labels', Object.entries(volume.Labels ?? {}).map(([key, value]) => `${key}=${value}`)],
      ]),
  };
}

export function volumeTree(volumes: Iterable<VolumeResource>, options: VolumeViewOptions): ExplorerNode[] {
  return [...volumes].sort((a, b) => compareNames(a.Name, b.Name)).map((volume) => volumeNode(volume, options));
}
