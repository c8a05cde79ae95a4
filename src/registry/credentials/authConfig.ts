/**
 * Credentials for one registry, as the Engine API takes them in `X-Registry-Auth` and `/auth`. Pure.
 * Never log or show these objects; `describeCredential` gives the words that may be shown.
 */
export interface AuthConfig {
  username?: string;
  password?: string;
  /** A token the registry gave in exchange for a password (OAuth refresh token); sent instead of the password. */
  identitytoken?: string;
  /** A bearer token for the registry itself. */
  registrytoken?: string;
  serveraddress: string;
}

/** `config.json`'s `auths` entry: `auth` is base64 of `user:password`. */
export interface StoredAuth {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
  registrytoken?: string;
  email?: string;
  [other: string]: unknown;
}

/** Decodes an `auths` entry as the CLI does (`auth` wins over separate fields for the user and password). */
export function decodeStoredAuth(serverAddress: string, stored: StoredAuth): AuthConfig | undefined {
  let username = typeof stored.username === 'string' ? stored.username : undefined;
  let password = typeof stored.password === 'string' ? stored.password : undefined;
  if (typeof stored.auth === 'string' && stored.auth !== '') {
    const decoded = Buffer.from(stored.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      username = decoded.slice(0, colon);
      password = decoded.slice(colon + 1);
    }
  }
  const identitytoken = typeof stored.identitytoken === 'string' && stored.identitytoken !== '' ? stored.identitytoken : undefined;
  const registrytoken = typeof stored.registrytoken === 'string' && stored.registrytoken !== '' ? stored.registrytoken : undefined;
  if (!username && !password && !identitytoken && !registrytoken) {
    return undefined;
  }
  return { serveraddress: serverAddress, username, password: identitytoken ? undefined : password, identitytoken, registrytoken };
}

/** The `auths` entry the CLI writes for credentials kept in the file itself. */
export function encodeStoredAuth(config: AuthConfig): StoredAuth {
  const entry: StoredAuth = {};
  if (config.username !== undefined || config.password !== undefined) {
    entry.auth = Buffer.from(`${config.username ?? ''}:${config.password ?? ''}`, 'utf8').toString('base64');
  }
  if (config.identitytoken) {
    entry.auth = Buffer.from(`${config.username ?? ''}:`, 'utf8').toString('base64');
    entry.identitytoken = config.identitytoken;
  }
  if (config.registrytoken) {
    entry.registrytoken = config.registrytoken;
  }
  return entry;
}

/**
 * Base64 with the URL alphabet and with padding, as Go's `base64.URLEncoding` writes and reads it (the
 * engine decodes the headers with it, and silently ignores a header it cannot decode).
 */
function urlBase64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

/** The `X-Registry-Auth` value: base64url JSON (what the CLI's `registry.EncodeAuthConfig` sends). */
export function encodeRegistryAuthHeader(config: AuthConfig | undefined): string {
  return urlBase64(JSON.stringify(config ? withoutEmpty(config) : {}));
}

/** The `X-Registry-Config` value for a build: base64url JSON of every known registry's credentials. */
export function encodeRegistryConfigHeader(configs: Record<string, AuthConfig>): string {
  return urlBase64(JSON.stringify(Object.fromEntries(Object.entries(configs).map(([key, config]) => [key, withoutEmpty(config)]))));
}

function withoutEmpty(config: AuthConfig): Record<string, string> {
  return Object.fromEntries(Object.entries(config).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''));
}

/** What may be said about a credential: the user name or that a token is used; never a secret. */
export function describeCredential(config: AuthConfig | undefined): string {
  if (!config) return 'no credentials';
  if (config.username) return `user ${config.username}`;
  return config.identitytoken || config.registrytoken ? 'a token' : 'no user';
}
