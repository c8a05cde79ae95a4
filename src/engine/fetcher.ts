import type Docker from 'dockerode';
import type { ResourceKind, ResourceTypes, VolumeResource } from '../explorer/resources';
import { readDeadlineMs, withDeadline } from './deadline';
import { engineStatusCode } from './errors';

/** Reads resources from the engine: whole lists, or one resource by key (undefined when it is gone). */
export interface ResourceFetcher {
  list<K extends ResourceKind>(kind: K): Promise<Array<ResourceTypes[K]>>;
  fetch<K extends ResourceKind>(kind: K, key: string): Promise<ResourceTypes[K] | undefined>;
  /** Volume sizes from the disk-usage endpoint (slow on big engines: call rarely). */
  volumeSizes(): Promise<Map<string, number>>;
  /**
   * A container's state as the engine holds it (an inspect), which can be ahead of its list view; undefined for
   * other kinds, or when the engine does not say.
   */
  state?(kind: ResourceKind, key: string): Promise<string | undefined>;
}

async function orGone<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (error) {
    if (engineStatusCode(error) === 404) {
      return undefined;
    }
    throw error;
  }
}

/** The Engine API through dockerode: a list filtered by id or an inspect per resource, never the CLI. */
export class EngineFetcher implements ResourceFetcher {
  /** `deadlineMs`: how long a list or an inspect may take before it fails as "did not answer in time". */
  constructor(
    private readonly docker: Docker,
    private readonly deadlineMs = readDeadlineMs,
  ) {}

  private read<T>(what: string, call: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
    return withDeadline(this.deadlineMs, what, call);
  }

  async list<K extends ResourceKind>(kind: K): Promise<Array<ResourceTypes[K]>> {
    const lists: { [P in ResourceKind]: (abortSignal: AbortSignal) => Promise<Array<ResourceTypes[P]>> } = {
      container: (abortSignal) => this.docker.listContainers({ all: true, abortSignal }),
      image: (abortSignal) => this.docker.listImages({ all: false, abortSignal }),
      volume: async (abortSignal) => ((await this.docker.listVolumes({ abortSignal })).Volumes ?? []) as VolumeResource[],
      network: (abortSignal) => this.docker.listNetworks({ abortSignal }),
    };
    return this.read(`the ${kind} list`, lists[kind]) as Promise<Array<ResourceTypes[K]>>;
  }

  async fetch<K extends ResourceKind>(kind: K, key: string): Promise<ResourceTypes[K] | undefined> {
    const fetchers: { [P in ResourceKind]: (abortSignal: AbortSignal) => Promise<ResourceTypes[P] | undefined> } = {
      container: async (abortSignal) => (await this.docker.listContainers({ all: true, filters: { id: [key] }, abortSignal }))[0],
      // The image list has no id filter; images are few, so the sync layer re-lists them instead.
      image: async (abortSignal) => (await this.docker.listImages({ all: false, abortSignal })).find((image) => image.Id === key),
      volume: (abortSignal) => orGone(this.docker.getVolume(key).inspect({ abortSignal }) as Promise<VolumeResource>),
      // (dockerode passes no abort signal for a network inspect; the deadline still ends the wait.)
      network: () => orGone(this.docker.getNetwork(key).inspect() as Promise<Docker.NetworkInspectInfo>),
    };
    return this.read(`a ${kind} read`, fetchers[kind]) as Promise<ResourceTypes[K] | undefined>;
  }

  async state(kind: ResourceKind, key: string): Promise<string | undefined> {
    if (kind !== 'container') {
      return undefined;
    }
    const inspected = await this.read('a container inspect', (abortSignal) => orGone(this.docker.getContainer(key).inspect({ abortSignal } as Docker.ContainerInspectOptions)));
    return inspected?.State?.Status;
  }

  async volumeSizes(): Promise<Map<string, number>> {
    const usage = (await this.docker.df()) as { Volumes?: Array<{ Name: string; UsageData?: { Size?: number } }> };
    const sizes = new Map<string, number>();
    for (const volume of usage.Volumes ?? []) {
      const size = volume.UsageData?.Size;
      if (typeof size === 'number' && size >= 0) {
        sizes.set(volume.Name, size);
      }
    }
    return sizes;
  }
}
