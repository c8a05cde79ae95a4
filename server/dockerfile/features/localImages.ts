/** Pure lookups over the local images the extension host reported. */
import { INSPECT_IMAGE_COMMAND, LocalImage } from '../../protocol';

/** `docker.io/library/alpine` and `library/alpine` are both the `alpine` the engine lists. */
export function normaliseRepository(repository: string): string {
  return repository.replace(/^docker\.io\//, '').replace(/^library\//, '');
}

export function findLocalImage(images: readonly LocalImage[], repository: string, tag: string | null): LocalImage | undefined {
  const wanted = normaliseRepository(repository);
  const wantedTag = tag ?? 'latest';
  return images.find((image) => normaliseRepository(image.repository) === wanted && image.tag === wantedTag);
}

export function tagsOf(images: readonly LocalImage[], repository: string): string[] {
  const wanted = normaliseRepository(repository);
  return images.filter((image) => normaliseRepository(image.repository) === wanted).map((image) => image.tag);
}

export function repositories(images: readonly LocalImage[]): Map<string, LocalImage[]> {
  const byRepository = new Map<string, LocalImage[]>();
  for (const image of images) {
    if (!image.repository || image.repository === '<none>') {
      continue;
    }
    const list = byRepository.get(image.repository) ?? [];
    list.push(image);
    byRepository.set(image.repository, list);
  }
  return byRepository;
}

export function formatSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** The registry hosts that are Docker Hub: an image named without a host (`alpine`, `team/app`) is Hub's too. */
export function isDockerHub(registry: string | null): boolean {
  return registry === null || /^(docker\.io|index\.docker\.io|registry-1\.docker\.io)$/i.test(registry);
}

/** Built or loaded here and never pulled or pushed (no repository digest): no registry has it. */
export function isLocalOnly(image: LocalImage): boolean {
  return image.repoDigests !== undefined && image.repoDigests.length === 0;
}

/** A `command:` link opening the extension's inspect document of the image. */
export function inspectImageLink(image: LocalImage): string {
  const argument = { kind: 'image', id: image.id, name: `${image.repository}:${image.tag}` };
  return `command:${INSPECT_IMAGE_COMMAND}?${encodeURIComponent(JSON.stringify([argument]))}`;
}

/** Markdown facts about one local image, as shown on hover. */
export function describeImage(image: LocalImage): string {
  const lines = [
    `**${image.repository}:${image.tag}** (local image)`,
    '',
    `- Size: ${formatSize(image.size)}`,
    `- Created: ${new Date(image.created * 1000).toISOString().replace('.000Z', 'Z')}`,
  ];
  if (image.layers !== undefined) {
    lines.push(`- Layers: ${image.layers}`);
  }
  lines.push(`- Id: \`${image.id.replace(/^sha256:/, '').slice(0, 12)}\``);
  if (isLocalOnly(image)) {
    lines.push('- Built here: never pulled from or pushed to a registry');
  }
  lines.push('', `[Inspect local image](${inspectImageLink(image)} "Open the image's inspect JSON")`);
  return lines.join('\n');
}
