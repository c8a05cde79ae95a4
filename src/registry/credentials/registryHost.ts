/**
 * Registry host names as the Docker CLI keys its credentials. Pure.
 * Docker Hub answers to several names; the CLI stores its credentials under `https://index.docker.io/v1/`.
 */
export const dockerHubKey = 'https://index.docker.io/v1/';

const dockerHubHosts = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/** `https://host:port/v2/` → `host:port` (the CLI's `ConvertToHostname`). */
export function hostOf(serverAddress: string): string {
  const withoutScheme = serverAddress.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  return withoutScheme.split('/')[0].toLowerCase();
}

export function isDockerHub(serverAddress: string): boolean {
  const text = serverAddress.trim();
  return text === '' || dockerHubHosts.has(hostOf(text));
}

/** The key the CLI stores a registry's credentials under: Docker Hub's URL, else `host[:port]`. */
export function credentialKey(serverAddress: string): string {
  return isDockerHub(serverAddress) ? dockerHubKey : hostOf(serverAddress);
}

/** The registry an image reference's domain names (none means Docker Hub), as its credential key. */
export function registryOfDomain(domain: string | undefined): string {
  return credentialKey(domain ?? 'docker.io');
}

/** A name to show for a registry: `Docker Hub`, else its host. */
export function registryDisplayName(serverAddress: string): string {
  return isDockerHub(serverAddress) ? 'Docker Hub' : hostOf(serverAddress);
}
