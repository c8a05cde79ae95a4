import type Docker from 'dockerode';
import { splitReference } from '../explorer/present/images';
import { engineMessage, engineStatusCode } from './errors';

/**
 * The engine calls behind the explorer's actions, without VS Code: the commands add pickers, confirmations
 * and messages; tests drive these directly against the real engine.
 */

export interface ContainerAction {
  verb: string;
  /** The containers (by contextValue) the action applies to. */
  eligible: RegExp;
  run: (container: Docker.Container) => Promise<unknown>;
}

export const containerActions = {
  start: { verb: 'start', eligible: /^container(Created|Exited|Dead)(\.|$)/, run: (container) => container.start() },
  stop: { verb: 'stop', eligible: /^container(Running|Restarting|Paused)(\.|$)/, run: (container) => container.stop() },
  restart: { verb: 'restart', eligible: /^container(Running|Exited|Created|Paused|Dead)(\.|$)/, run: (container) => container.restart() },
  pause: { verb: 'pause', eligible: /^containerRunning(\.|$)/, run: (container) => container.pause() },
  unpause: { verb: 'unpause', eligible: /^containerPaused(\.|$)/, run: (container) => container.unpause() },
  kill: { verb: 'kill', eligible: /^container(Running|Restarting|Paused)(\.|$)/, run: (container) => container.kill() },
} satisfies Record<string, ContainerAction>;

export function removeContainer(docker: Docker, id: string, options: { removeVolumes: boolean }): Promise<unknown> {
  return docker.getContainer(id).remove({ force: true, v: options.removeVolumes });
}

/** Removes one image reference (untags it; the last reference deletes the image) or, for a dangling image, the image. */
export function removeImage(docker: Docker, image: { id: string; name: string; dangling: boolean }, force: boolean): Promise<unknown> {
  return docker.getImage(image.dangling ? image.id : image.name).remove({ force });
}

export async function tagImage(docker: Docker, id: string, reference: string): Promise<string> {
  const { repository, tag } = splitReference(reference.trim());
  await docker.getImage(id).tag({ repo: repository, tag });
  return `${repository}:${tag}`;
}

export async function createVolume(docker: Docker, name: string, labels: Record<string, string> = {}): Promise<void> {
  await docker.createVolume({ Name: name, Driver: 'local', Labels: labels });
}

export interface NetworkSpec {
  name: string;
  driver: string;
  subnet?: string;
  /** Inside the subnet; only with a subnet. */
  gateway?: string;
  /** A subnet inside the subnet that container addresses come from; only with a subnet. */
  ipRange?: string;
  /** Needed for an IPv6 subnet. */
  ipv6?: boolean;
  internal: boolean;
  labels?: Record<string, string>;
}

export async function createNetwork(docker: Docker, spec: NetworkSpec): Promise<string> {
  const network = await docker.createNetwork({
    Name: spec.name,
    Driver: spec.driver,
    Internal: spec.internal,
    CheckDuplicate: true,
    Labels: spec.labels ?? {},
    EnableIPv6: spec.ipv6 || undefined,
    IPAM: spec.subnet ? { Driver: 'default', Config: [{ Subnet: spec.subnet, Gateway: spec.gateway, IPRange: spec.ipRange }] } : undefined,
  });
  return network.id;
}

/** What a prune removed, as the engine reports it. */
export interface PruneResult {
  removed: string[];
  reclaimed?: number;
}

/** `label` filters restrict a prune to resources carrying them (tests prune only what they made). */
function labelFilter(labels: readonly string[]): Record<string, string[]> {
  return labels.length > 0 ? { label: [...labels] } : {};
}

/** `until` (epoch seconds): nothing created after the user saw the list is pruned. */
function untilFilter(until: number | undefined): Record<string, string[]> {
  return until !== undefined ? { until: [until.toFixed(3)] } : {};
}

export async function pruneImages(docker: Docker, options: { all: boolean; labels?: readonly string[]; until?: number }): Promise<PruneResult> {
  const result = await docker.pruneImages({
    filters: { dangling: [options.all ? 'false' : 'true'], ...labelFilter(options.labels ?? []), ...untilFilter(options.until) },
  });
  const removed = (result.ImagesDeleted ?? []).map((entry) => entry.Untagged ?? entry.Deleted ?? '').filter(Boolean);
  return { removed, reclaimed: result.SpaceReclaimed };
}

export async function pruneVolumes(docker: Docker, options: { labels?: readonly string[] } = {}): Promise<PruneResult> {
  // API 1.42+ prunes only anonymous volumes unless all=true; older engines prune every unused volume and reject
  // the `all` filter, so it is dropped when the engine refuses it.
  const labels = labelFilter(options.labels ?? []);
  const result = await docker.pruneVolumes({ filters: { all: ['true'], ...labels } }).catch((error: unknown) => {
    if (engineStatusCode(error) === 400 && /filter.*all/i.test(engineMessage(error))) {
      return docker.pruneVolumes({ filters: labels });
    }
    throw error;
  });
  return { removed: result.VolumesDeleted ?? [], reclaimed: result.SpaceReclaimed };
}

export async function pruneNetworks(docker: Docker, options: { labels?: readonly string[]; until?: number } = {}): Promise<PruneResult> {
  const result = await docker.pruneNetworks({ filters: { ...labelFilter(options.labels ?? []), ...untilFilter(options.until) } });
  return { removed: result.NetworksDeleted ?? [] };
}
