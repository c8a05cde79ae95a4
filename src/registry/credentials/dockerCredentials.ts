/**
 * Registry credentials exactly where the Docker CLI keeps them: `config.json`'s `credHelpers` (per host),
 * else `credsStore`, else the `auths` entries of the file itself. A `docker login` in a terminal is seen
 * here, and a login stored here is used by `docker pull` in a terminal.
 */
import { AuthConfig, decodeStoredAuth, encodeStoredAuth, StoredAuth } from './authConfig';
import { CredentialHelper } from './credentialHelper';
import { DockerConfigFile, DockerConfigJson, dockerConfigDir } from './dockerConfigFile';
import { credentialKey, hostOf } from './registryHost';

export class DockerCredentials {
  readonly file: DockerConfigFile;

  constructor(
    dir: string = dockerConfigDir(),
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.file = new DockerConfigFile(dir);
  }

  /** Where the credentials of `serverAddress` go: a helper's name, or undefined for the file's `auths`. */
  async storeFor(serverAddress: string): Promise<string | undefined> {
    return helperName(await this.file.read(), credentialKey(serverAddress));
  }

  /** The credentials for a registry (any spelling of its address), or undefined when there are none. */
  async get(serverAddress: string): Promise<AuthConfig | undefined> {
    const key = credentialKey(serverAddress);
    const config = await this.file.read();
    const helper = helperName(config, key);
    if (helper) {
      const found = await new CredentialHelper(helper, this.env).get(key);
      if (found) return { ...found, serveraddress: key };
    }
    const stored = findAuth(config.auths ?? {}, key);
    return stored ? decodeStoredAuth(key, stored) : undefined;
  }

  /** Every registry with credentials, keyed as the CLI keys them (what a build's `X-Registry-Config` carries). */
  async all(): Promise<Record<string, AuthConfig>> {
    const config = await this.file.read();
    const keys = new Set(Object.keys(config.auths ?? {}).map(credentialKey));
    if (config.credsStore) {
      Object.keys(await new CredentialHelper(config.credsStore, this.env).list()).forEach((address) => keys.add(credentialKey(address)));
    }
    Object.keys(config.credHelpers ?? {}).forEach((host) => keys.add(credentialKey(host)));
    const result: Record<string, AuthConfig> = {};
    for (const key of keys) {
      const found = await this.get(key).catch(() => undefined);
      if (found) result[key] = found;
    }
    return result;
  }

  /** Registries the user is logged in to (addresses only, no secret is read). */
  async registries(): Promise<string[]> {
    const config = await this.file.read();
    const keys = new Set(Object.keys(config.auths ?? {}).map(credentialKey));
    if (config.credsStore) {
      const listed = await new CredentialHelper(config.credsStore, this.env).list().catch(() => ({}));
      Object.keys(listed).forEach((address) => keys.add(credentialKey(address)));
    }
    return [...keys].sort();
  }

  /** Stores as `docker login` does: in the registry's helper (the file keeps an empty entry), else in `auths`. */
  async store(credentials: AuthConfig): Promise<void> {
    const key = credentialKey(credentials.serveraddress);
    const helper = helperName(await this.file.read(), key);
    if (helper) {
      await new CredentialHelper(helper, this.env).store(key, credentials);
    }
    await this.file.update((config) => {
      const auths = (config.auths ??= {});
      removeAuth(auths, key);
      auths[key] = helper ? {} : encodeStoredAuth({ ...credentials, serveraddress: key });
    });
  }

  /** Forgets a registry's credentials, from its helper and from the file, as `docker logout` does. */
  async erase(serverAddress: string): Promise<void> {
    const key = credentialKey(serverAddress);
    const helper = helperName(await this.file.read(), key);
    if (helper) {
      await new CredentialHelper(helper, this.env).erase(key);
    }
    await this.file.update((config) => {
      if (config.auths) removeAuth(config.auths, key);
    });
  }
}

function helperName(config: DockerConfigJson, key: string): string | undefined {
  const host = hostOf(key);
  const perHost = config.credHelpers?.[host] ?? config.credHelpers?.[key];
  return perHost || config.credsStore || undefined;
}

function findAuth(auths: Record<string, StoredAuth>, key: string): StoredAuth | undefined {
  if (auths[key]) return auths[key];
  const match = Object.keys(auths).find((entry) => credentialKey(entry) === key);
  return match ? auths[match] : undefined;
}

function removeAuth(auths: Record<string, StoredAuth>, key: string): void {
  for (const entry of Object.keys(auths)) {
    if (credentialKey(entry) === key) delete auths[entry];
  }
}
