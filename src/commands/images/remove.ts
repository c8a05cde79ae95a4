import type { Dockside } from '../../dockside';
import { removeImage } from '../../engine/actions';
import type { ExplorerNode } from '../../explorer/nodes';
import { actOnEach, describeTargets } from '../explorer/act';
import { commandTargets } from '../explorer/targets';
import { prompts } from '../explorer/prompts';
import { containerName } from '../../explorer/present/containers';
import type Docker from 'dockerode';

/** The names of the containers made from any of the images `ids`, sorted. */
export function imageUsers(containers: Iterable<Docker.ContainerInfo>, ids: ReadonlySet<string>): string[] {
  const names: string[] = [];
  for (const container of containers) {
    if (ids.has(container.ImageID)) {
      names.push(containerName(container));
    }
  }
  return names.sort();
}

/**
 * Removes the chosen image references (a tagged item untags that reference; the last reference removes the
 * image). "Force" also removes images used by stopped containers.
 */
export const removeImages =
  (dockside: Dockside) =>
  async (node?: unknown, nodes?: unknown): Promise<ExplorerNode[]> => {
    const targets = await commandTargets(dockside, 'image', node, nodes, { placeholder: 'Images to remove' });
    if (targets.length === 0) {
      return [];
    }
    const remove = 'Remove';
    const force = 'Force Remove';
    const users = imageUsers(dockside.explorer.containers.values(), new Set(targets.map((target) => target.id)));
    const answer = await prompts.warning(
      `Remove ${describeTargets('image', targets)}?`,
      { modal: true, detail: users.length > 0 ? `In use by containers: ${users.join(', ')}.` : undefined },
      remove,
      force,
    );
    if (answer !== remove && answer !== force) {
      return [];
    }
    const docker = dockside.docker;
    // A dangling image is named by its short id; a tagged one by its reference, so only that tag goes.
    return actOnEach('remove', 'image', targets, (target) =>
      removeImage(docker, { id: target.id, name: target.name, dangling: target.contextValue === 'imageDangling' }, answer === force),
    );
  };
