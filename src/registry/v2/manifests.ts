/** Image manifests as a registry serves them (OCI and Docker, single and multi-platform). Pure. */

export const manifestMediaTypes = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;

/** Every manifest type, for `Accept`: the registry then answers the digest that a DELETE takes. */
export const acceptManifests = Object.values(manifestMediaTypes).join(', ');

interface Descriptor {
  mediaType?: string;
  digest?: string;
  size?: number;
  platform?: { os?: string; architecture?: string; variant?: string };
  annotations?: Record<string, string>;
}

interface RawManifest {
  mediaType?: string;
  manifests?: Descriptor[];
  config?: Descriptor;
  layers?: Descriptor[];
}

export interface PlatformEntry {
  platform: string;
  digest: string;
  size: number;
}

export type ManifestSummary =
  | { kind: 'index'; mediaType: string; platforms: PlatformEntry[] }
  | { kind: 'image'; mediaType: string; configDigest: string | undefined; size: number; layers: number };

export function isIndexMediaType(mediaType: string | undefined): boolean {
  return mediaType === manifestMediaTypes.ociIndex || mediaType === manifestMediaTypes.dockerList;
}

function platformName(platform: Descriptor['platform']): string {
  if (!platform) return 'unknown';
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/') || 'unknown';
}

/** What a manifest holds: an index's platforms, or an image's config digest, total size (config + layers) and layer count. */
export function summarizeManifest(text: string, contentType: string | undefined): ManifestSummary {
  const raw = JSON.parse(text) as RawManifest;
  const mediaType = raw.mediaType ?? contentType?.split(';')[0].trim() ?? '';
  if (isIndexMediaType(mediaType) || (Array.isArray(raw.manifests) && !raw.config)) {
    const platforms = (raw.manifests ?? [])
      // Attestation manifests (BuildKit's provenance) are not platforms.
      .filter((entry) => entry.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest')
      .map((entry) => ({ platform: platformName(entry.platform), digest: entry.digest ?? '', size: entry.size ?? 0 }));
    return { kind: 'index', mediaType, platforms };
  }
  const layers = raw.layers ?? [];
  const size = (raw.config?.size ?? 0) + layers.reduce((sum, layer) => sum + (layer.size ?? 0), 0);
  return { kind: 'image', mediaType, configDigest: raw.config?.digest, size, layers: layers.length };
}

/** The creation time and platform in an image config blob. */
export function readImageConfig(text: string): { created?: string; platform?: string } {
  const config = JSON.parse(text) as { created?: string; os?: string; architecture?: string; variant?: string };
  const platform = [config.os, config.architecture, config.variant].filter(Boolean).join('/');
  return { created: config.created, platform: platform || undefined };
}
