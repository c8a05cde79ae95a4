import { parseImageReference } from '../imageReference';
import type { RegistryEntry } from './registryEntries';

/** The repository path and tag a local image is pushed as: its own path (without its registry) and tag. */
export function pushTarget(localName: string, entry: RegistryEntry): string {
  const parsed = parseImageReference(localName);
  const path = parsed.ok ? parsed.value.path : 'image';
  const tag = parsed.ok ? (parsed.value.tag ?? 'latest') : 'latest';
  const namespaced = entry.kind === 'hub' && entry.namespace && !path.startsWith(`${entry.namespace}/`) ? `${entry.namespace}/${path.split('/').pop()}` : path;
  return `${entry.referencePrefix}${namespaced}:${tag}`;
}
