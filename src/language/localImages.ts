/** The engine's images as the `LocalImage`s the language server uses. */
import type Docker from 'dockerode';
import type { ImageInfo } from 'dockerode';
import type { LocalImage } from '../../server/protocol';

/** Layer counts are read for at most this many images (one inspect each). */
const INSPECTED_IMAGES = 200;

/** Lists the engine's images with their layer counts. Throws when the engine does not answer the list. */
export async function listLocalImages(docker: Docker): Promise<LocalImage[]> {
  const images = await docker.listImages();
  const layerCounts = new Map<string, number>();
  await Promise.all(
    images.slice(0, INSPECTED_IMAGES).map(async (image) => {
      const details = await docker
        .getImage(image.Id)
        .inspect()
        .catch(() => undefined);
      if (details?.RootFS?.Layers) {
        layerCounts.set(image.Id, details.RootFS.Layers.length);
      }
    }),
  );
  return toLocalImages(images, layerCounts);
}

/** The image's repository digests; an engine answers `null` (older) or `[]` for an image never pulled or pushed. */
function repoDigestsOf(image: ImageInfo): Pick<LocalImage, 'repoDigests'> {
  const digests = (image as { RepoDigests?: string[] | null }).RepoDigests;
  return digests === null ? { repoDigests: [] } : Array.isArray(digests) ? { repoDigests: digests } : {};
}

/** Pure: one entry per repository:tag; untagged (`<none>:<none>`) images are left out. */
export function toLocalImages(images: readonly ImageInfo[], layerCounts: ReadonlyMap<string, number> = new Map()): LocalImage[] {
  const local: LocalImage[] = [];
  for (const image of images) {
    for (const repoTag of image.RepoTags ?? []) {
      const separator = repoTag.lastIndexOf(':');
      if (separator <= 0 || repoTag === '<none>:<none>' || repoTag.slice(separator).includes('/')) {
        continue;
      }
      local.push({
        repository: repoTag.slice(0, separator),
        tag: repoTag.slice(separator + 1),
        id: image.Id,
        size: image.Size,
        created: image.Created,
        layers: layerCounts.get(image.Id),
        // The list says which images came from (or went to) a registry: hover links only those to Docker Hub.
        ...repoDigestsOf(image),
      });
    }
  }
  return local.sort((a, b) => a.repository.localeCompare(b.repository) || a.tag.localeCompare(b.tag));
}
