import type Docker from 'dockerode';
import { ExplorerNode, groupNode } from '../nodes';
import { compareNames, formatBytes, markdownTable, relativeTime, shortId } from './format';
import { containerName, timeAndAge } from './containers';
import { ageClock } from './time';

export interface ImageViewOptions {
  showDangling: boolean;
  nowMs: number;
  /** Image id → names of the containers (in any state) created from it. */
  inUse: ReadonlyMap<string, readonly string[]>;
}

/** `repo` and `tag` of a reference; the tag is after the last colon that follows the last slash. */
export function splitReference(reference: string): { repository: string; tag: string } {
  const at = reference.indexOf('@');
  const named = at >= 0 ? reference.slice(0, at) : reference;
  const colon = named.lastIndexOf(':');
  if (colon > named.lastIndexOf('/')) {
    return { repository: named.slice(0, colon), tag: named.slice(colon + 1) };
  }
  return { repository: named, tag: at >= 0 ? reference.slice(at + 1) : 'latest' };
}

export function imageTags(image: Docker.ImageInfo): string[] {
  return (image.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>');
}

export function isDangling(image: Docker.ImageInfo): boolean {
  return imageTags(image).length === 0;
}

export function imageTooltip(image: Docker.ImageInfo, reference: string, options: ImageViewOptions, nowMs = options.nowMs): string {
  return markdownTable(reference, [
    ['ID', image.Id],
    ['Tags', imageTags(image)],
    ['Digests', image.RepoDigests ?? []],
    ['Size', formatBytes(image.Size)],
    ['Created', timeAndAge(image.Created, nowMs)],
    ['Containers', [...(options.inUse.get(image.Id) ?? ['none'])]],
    ['Labels', Object.entries(image.Labels ?? {}).map(([key, value]) => `${key}=${value}`)],
  ]);
}

function imageNode(image: Docker.ImageInfo, reference: string, label: string, options: ImageViewOptions): ExplorerNode {
  const inUse = options.inUse.has(image.Id);
  const dangling = isDangling(image);
  const describeAt = (nowMs: number) => [formatBytes(image.Size), relativeTime(image.Created, nowMs), inUse ? 'in use' : ''].filter(Boolean).join(' · ');
  return {
    kind: 'image',
    id: image.Id,
    name: reference,
    treeId: `${image.Id}|${reference}`,
    label,
    description: describeAt(options.nowMs),
    describeAt,
    clock: ageClock(image.Created),
    icon: inUse ? { id: 'package', color: 'charts.green' } : { id: 'package' },
    contextValue: dangling ? 'imageDangling' : inUse ? 'imageInUse' : 'image',
    tooltip: (nowMs) => imageTooltip(image, reference, options, nowMs),
  };
}

/** The Images view's roots: one group per repository, each tag an item; dangling images under `<none>` when shown. */
export function imageTree(images: Iterable<Docker.ImageInfo>, options: ImageViewOptions): ExplorerNode[] {
  const repositories = new Map<string, ExplorerNode[]>();
  const dangling: ExplorerNode[] = [];
  for (const image of images) {
    const tags = imageTags(image);
    if (tags.length === 0) {
      if (options.showDangling) {
        dangling.push(imageNode(image, shortId(image.Id), shortId(image.Id), options));
      }
      continue;
    }
    for (const reference of tags) {
      const { repository, tag } = splitReference(reference);
      const members = repositories.get(repository) ?? [];
      members.push(imageNode(image, reference, tag, options));
      repositories.set(repository, members);
    }
  }
  const roots = [...repositories.keys()].sort().map((repository) => {
    const members = (repositories.get(repository) ?? []).sort((a, b) => compareNames(a.label, b.label));
    return groupNode('imageRepository', repository, repository, members, { icon: { id: 'repo' }, expanded: false, description: countOf(members.length, 'tag') });
  });
  if (dangling.length > 0) {
    roots.push(
      groupNode('imageRepository', '<none>', '<none>', dangling, {
        icon: { id: 'repo' },
        expanded: false,
        contextValue: 'group.imageRepository.dangling',
        description: countOf(dangling.length, 'untagged image'),
      }),
    );
  }
  return roots;
}

/** "1 tag", "2 tags". */
export function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Image id → names of the containers using it (sorted), for the images some container uses. */
export function imagesInUse(containers: Iterable<Docker.ContainerInfo>): Map<string, string[]> {
  const users = new Map<string, string[]>();
  for (const container of containers) {
    const names = users.get(container.ImageID) ?? [];
    names.push(containerName(container));
    users.set(container.ImageID, names);
  }
  for (const names of users.values()) {
    names.sort(compareNames);
  }
  return users;
}
