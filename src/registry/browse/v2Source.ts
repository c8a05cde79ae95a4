/** A Registry HTTP API V2 as a source of the Registries view. */
import { RegistryClient, RegistryEndpoint } from '../v2/registryClient';
import type { RegistrySource, TagDetails } from './registrySource';

export class V2Source implements RegistrySource {
  readonly client: RegistryClient;

  constructor(
    endpoint: RegistryEndpoint,
    private readonly pageSize = 100,
  ) {
    this.client = new RegistryClient(endpoint);
  }

  repositories(next: string | undefined, signal: AbortSignal) {
    return this.client.catalogPage(this.pageSize, next, signal);
  }

  tags(repository: string, next: string | undefined, signal: AbortSignal) {
    return this.client.tagsPage(repository, this.pageSize, next, signal);
  }

  async tagDetails(repository: string, tag: string, signal: AbortSignal): Promise<TagDetails> {
    const manifest = await this.client.manifest(repository, tag, signal);
    if (manifest.summary.kind === 'image') {
      const config = manifest.summary.configDigest ? await this.client.imageConfig(repository, manifest.summary.configDigest, signal).catch(() => undefined) : undefined;
      return {
        digest: manifest.digest,
        mediaType: manifest.mediaType,
        size: manifest.summary.size,
        created: config?.created,
        platforms: config?.platform ? [{ platform: config.platform, digest: manifest.digest, size: manifest.summary.size }] : [],
      };
    }
    // An index: each platform's manifest gives its size; the first one's config gives a creation time.
    const platforms = await Promise.all(
      manifest.summary.platforms.map(async (entry) => {
        const child = await this.client.manifest(repository, entry.digest, signal).catch(() => undefined);
        return { ...entry, size: child?.summary.kind === 'image' ? child.summary.size : entry.size, configDigest: child?.summary.kind === 'image' ? child.summary.configDigest : undefined };
      }),
    );
    const firstConfig = platforms.find((entry) => entry.configDigest)?.configDigest;
    const config = firstConfig ? await this.client.imageConfig(repository, firstConfig, signal).catch(() => undefined) : undefined;
    return {
      digest: manifest.digest,
      mediaType: manifest.mediaType,
      size: platforms.reduce((sum, entry) => sum + entry.size, 0),
      created: config?.created,
      platforms: platforms.map(({ platform, digest, size }) => ({ platform, digest, size })),
    };
  }

  async manifestText(repository: string, reference: string, signal: AbortSignal) {
    const manifest = await this.client.manifest(repository, reference, signal);
    return { digest: manifest.digest, mediaType: manifest.mediaType, text: manifest.text };
  }

  deleteDigest(repository: string, digest: string, signal: AbortSignal): Promise<void> {
    return this.client.deleteManifest(repository, digest, signal);
  }
}
