/**
 * The registries the view lists: Docker Hub namespaces, the registries the user is logged in to, and the
 * ones added by URL in the `dockside.registries` setting. Pure.
 */
import { credentialKey, dockerHubKey, hostOf, isDockerHub } from '../credentials/registryHost';

/** One entry of the `dockside.registries` setting: a URL, or an object with a CA file or a Hub namespace. */
export type RegistrySetting = string | { url: string; ca?: string; namespace?: string };

export interface RegistryEntry {
  /** Stable id: the credential key, plus the namespace for Docker Hub. */
  id: string;
  label: string;
  kind: 'hub' | 'v2';
  /** The key its credentials are stored under. */
  credentialKey: string;
  /** `https://host:port` (V2 entries). */
  baseUrl?: string;
  /** Docker Hub user or organisation. */
  namespace?: string;
  /** Path of a PEM file with the CA of the registry's certificate. */
  caFile?: string;
  /** Whether the entry is in the setting (it can be removed) and whether credentials are stored for it. */
  added: boolean;
  loggedIn: boolean;
  /** The reference prefix of its images: `host:port/` (nothing for Docker Hub). */
  referencePrefix: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A URL the user typed: `host[:port]`, `http(s)://host[:port]`, or a Docker Hub namespace as `docker.io/<namespace>`. */
export function parseRegistryUrl(input: string): Parsed<{ url: string; namespace?: string }> {
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'A registry address is needed, e.g. https://registry.example:5000 or docker.io/<user>.' };
  if (/\s/.test(text)) return { ok: false, reason: 'A registry address cannot contain white space.' };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, reason: `"${text}" is not a registry address.` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: `Registries are reached over https or http, not ${url.protocol}` };
  if (url.username || url.password) return { ok: false, reason: 'Put no credentials in the address; log in to the registry instead.' };
  if (isDockerHub(url.host)) {
    const namespace = url.pathname.split('/').filter(Boolean)[0];
    if (!namespace || !/^[a-z0-9][a-z0-9_-]*$/.test(namespace)) {
      return { ok: false, reason: 'For Docker Hub, name the user or organisation: docker.io/<namespace>.' };
    }
    return { ok: true, value: { url: 'docker.io', namespace } };
  }
  return { ok: true, value: { url: `${url.protocol}//${url.host}` } };
}

function settingOf(setting: RegistrySetting): { url: string; ca?: string; namespace?: string } | undefined {
  if (typeof setting === 'string') {
    const parsed = parseRegistryUrl(setting);
    return parsed.ok ? parsed.value : undefined;
  }
  if (!setting || typeof setting.url !== 'string') return undefined;
  const parsed = parseRegistryUrl(setting.namespace && isDockerHub(hostOf(setting.url)) ? `docker.io/${setting.namespace}` : setting.url);
  return parsed.ok ? { ...parsed.value, ca: typeof setting.ca === 'string' ? setting.ca : undefined } : undefined;
}

/** The entries, in order: Docker Hub namespaces, then other registries by host; a registry in both lists is one entry. */
export function registryEntries(settings: readonly RegistrySetting[], loggedIn: readonly string[]): RegistryEntry[] {
  const entries = new Map<string, RegistryEntry>();
  const logins = new Set(loggedIn.map(credentialKey));
  for (const setting of settings) {
    const value = settingOf(setting);
    if (!value) continue;
    if (value.namespace) {
      const id = `${dockerHubKey}#${value.namespace}`;
      entries.set(id, { id, label: `Docker Hub: ${value.namespace}`, kind: 'hub', credentialKey: dockerHubKey, namespace: value.namespace, added: true, loggedIn: logins.has(dockerHubKey), referencePrefix: '' });
      continue;
    }
    const key = credentialKey(value.url);
    entries.set(key, { id: key, label: key, kind: 'v2', credentialKey: key, baseUrl: value.url, caFile: value.ca, added: true, loggedIn: logins.has(key), referencePrefix: `${key}/` });
  }
  for (const key of logins) {
    if (key === dockerHubKey) {
      if (![...entries.values()].some((entry) => entry.kind === 'hub')) {
        entries.set(dockerHubKey, { id: dockerHubKey, label: 'Docker Hub', kind: 'hub', credentialKey: dockerHubKey, added: false, loggedIn: true, referencePrefix: '' });
      }
    } else if (!entries.has(key)) {
      entries.set(key, { id: key, label: key, kind: 'v2', credentialKey: key, baseUrl: `https://${key}`, added: false, loggedIn: true, referencePrefix: `${key}/` });
    }
  }
  return [...entries.values()].sort((a, b) => (a.kind === b.kind ? a.label.localeCompare(b.label) : a.kind === 'hub' ? -1 : 1));
}

/** The setting with one more entry (an entry for the same registry is replaced). */
export function withRegistry(settings: readonly RegistrySetting[], added: { url: string; namespace?: string; ca?: string }): RegistrySetting[] {
  const id = (value: { url: string; namespace?: string }) => (value.namespace ? `hub#${value.namespace}` : credentialKey(value.url));
  const kept = settings.filter((setting) => {
    const value = settingOf(setting);
    return !value || id(value) !== id(added);
  });
  const entry: RegistrySetting = added.namespace ? { url: 'docker.io', namespace: added.namespace } : added.ca ? { url: added.url, ca: added.ca } : added.url;
  return [...kept, entry];
}

/** The setting without the entry of `entry` (others, even unreadable ones, are kept). */
export function withoutRegistry(settings: readonly RegistrySetting[], entry: RegistryEntry): RegistrySetting[] {
  return settings.filter((setting) => {
    const value = settingOf(setting);
    if (!value) return true;
    return value.namespace ? `${dockerHubKey}#${value.namespace}` !== entry.id : credentialKey(value.url) !== entry.id;
  });
}
