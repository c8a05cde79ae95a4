import type Docker from 'dockerode';

/** The four resource kinds of the explorer, as the Engine API names its event types. */
export const resourceKinds = ['container', 'image', 'volume', 'network'] as const;
export type ResourceKind = (typeof resourceKinds)[number];

/** A volume as listed, plus its size when the engine's disk-usage endpoint reported one. */
export type VolumeResource = Docker.VolumeInspectInfo & { SizeBytes?: number };

export interface ResourceTypes {
  container: Docker.ContainerInfo;
  image: Docker.ImageInfo;
  volume: VolumeResource;
  network: Docker.NetworkInspectInfo;
}

/** The engine key of a resource: the id, or the name for volumes (which have no other). */
export function resourceKey<K extends ResourceKind>(kind: K, resource: ResourceTypes[K]): string {
  switch (kind) {
    case 'volume':
      return (resource as VolumeResource).Name;
    case 'network':
      return (resource as Docker.NetworkInspectInfo).Id;
    default:
      return (resource as Docker.ContainerInfo | Docker.ImageInfo).Id;
  }
}
