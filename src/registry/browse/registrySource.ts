/** What the Registries view asks of a registry, whatever its API (V2, or Docker Hub's listing API). */
import type { Page } from '../v2/registryClient';

export interface TagDetails {
  /** The digest a pull by digest and a delete take (the index's, for a multi-platform tag). */
  digest: string;
  mediaType: string;
  /** Bytes of config and layers (for an index: the sum over its platforms). */
  size: number;
  created?: string;
  platforms: Array<{ platform: string; digest: string; size: number }>;
}

export interface RegistrySource {
  /** Repositories, one page at a time (`next` comes from the previous page). */
  repositories(next: string | undefined, signal: AbortSignal): Promise<Page<string>>;
  tags(repository: string, next: string | undefined, signal: AbortSignal): Promise<Page<string>>;
  tagDetails(repository: string, tag: string, signal: AbortSignal): Promise<TagDetails>;
  /** The manifest as the registry serves it (for the inspect document). */
  manifestText(repository: string, reference: string, signal: AbortSignal): Promise<{ digest: string; mediaType: string; text: string }>;
  /** Deletes the manifest with this digest (all tags on it); undefined when the registry's API cannot. */
  deleteDigest?(repository: string, digest: string, signal: AbortSignal): Promise<void>;
}
