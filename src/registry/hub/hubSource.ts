/**
 * Docker Hub through its own listing API (`https://hub.docker.com/v2/namespaces/{namespace}/repositories`
 * and `…/repositories/{name}/tags`, pages by the `next` URL of each answer), since its V2 endpoint has no
 * catalog. Manifests come from its V2 endpoint (`registry-1.docker.io`) with the Bearer flow.
 * Anonymous for public repositories; with a login, a JWT from `POST /v2/users/login`.
 */
import { httpRequest } from '../v2/registryHttp';
import { RegistryClient, RegistryLogin, RegistryRequestError } from '../v2/registryClient';
import type { Page } from '../v2/registryClient';
import type { RegistrySource, TagDetails } from '../browse/registrySource';

const hubApi = 'https://hub.docker.com';
const hubRegistry = 'https://registry-1.docker.io';

interface HubPage<T> {
  next?: string | null;
  results?: T[];
}

interface HubTag {
  name: string;
  digest?: string;
  full_size?: number;
  last_updated?: string;
  images?: Array<{ architecture?: string; os?: string; variant?: string | null; digest?: string; size?: number }>;
}

export class HubSource implements RegistrySource {
  private jwt: string | undefined;
  private readonly v2: RegistryClient;

  constructor(
    readonly namespace: string,
    private readonly login?: RegistryLogin,
    private readonly pageSize = 100,
  ) {
    this.v2 = new RegistryClient({ baseUrl: hubRegistry, login });
  }

  async repositories(next: string | undefined, signal: AbortSignal): Promise<Page<string>> {
    const page = await this.get<HubPage<{ name: string; namespace?: string }>>(
      next ?? `${hubApi}/v2/namespaces/${encodeURIComponent(this.namespace)}/repositories?page_size=${this.pageSize}`,
      signal,
    );
    return { items: (page.results ?? []).map((entry) => `${entry.namespace ?? this.namespace}/${entry.name}`), next: page.next ?? undefined };
  }

  async tags(repository: string, next: string | undefined, signal: AbortSignal): Promise<Page<string>> {
    const page = await this.get<HubPage<HubTag>>(next ?? `${this.repositoryUrl(repository)}/tags?page_size=${this.pageSize}`, signal);
    return { items: (page.results ?? []).map((tag) => tag.name), next: page.next ?? undefined };
  }

  async tagDetails(repository: string, tag: string, signal: AbortSignal): Promise<TagDetails> {
    const found = await this.get<HubTag>(`${this.repositoryUrl(repository)}/tags/${encodeURIComponent(tag)}`, signal);
    return {
      digest: found.digest ?? '',
      mediaType: (found.images?.length ?? 0) > 1 ? 'application/vnd.oci.image.index.v1+json' : 'application/vnd.oci.image.manifest.v1+json',
      size: found.full_size ?? 0,
      created: found.last_updated,
      platforms: (found.images ?? []).map((image) => ({
        platform: [image.os, image.architecture, image.variant].filter(Boolean).join('/'),
        digest: image.digest ?? '',
        size: image.size ?? 0,
      })),
    };
  }

  async manifestText(repository: string, reference: string, signal: AbortSignal) {
    const manifest = await this.v2.manifest(repository, reference, signal);
    return { digest: manifest.digest, mediaType: manifest.mediaType, text: manifest.text };
  }

  private repositoryUrl(repository: string): string {
    const [namespace, ...rest] = repository.includes('/') ? repository.split('/') : ['library', repository];
    return `${hubApi}/v2/namespaces/${encodeURIComponent(namespace)}/repositories/${encodeURIComponent(rest.join('/'))}`;
  }

  private async get<T>(url: string, signal: AbortSignal): Promise<T> {
    if (!url.startsWith(`${hubApi}/`)) throw new RegistryRequestError(`Docker Hub gave a page address outside ${hubApi}.`);
    const headers: Record<string, string> = { Accept: 'application/json' };
    const token = await this.token(signal);
    if (token) headers.Authorization = `Bearer ${token}`;
    const answer = await httpRequest(url, { signal, headers });
    if (answer.status === 404) throw new RegistryRequestError(`Docker Hub has no ${this.namespace} repositories visible to this login.`, 404);
    if (answer.status === 401 || answer.status === 403) throw new RegistryRequestError('Docker Hub refused the login.', answer.status);
    if (answer.status === 429) throw new RegistryRequestError('Docker Hub limits the rate of requests; try again later.', 429);
    if (answer.status < 200 || answer.status >= 300) throw new RegistryRequestError(`Docker Hub answered HTTP ${answer.status}.`, answer.status);
    return JSON.parse(answer.body.toString('utf8')) as T;
  }

  private async token(signal: AbortSignal): Promise<string | undefined> {
    if (this.jwt || !this.login?.username || !this.login.password) return this.jwt;
    const answer = await httpRequest(`${hubApi}/v2/users/login`, {
      method: 'POST',
      signal,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: this.login.username, password: this.login.password }),
    });
    if (answer.status !== 200) throw new RegistryRequestError(`Docker Hub refused the login of ${this.login.username}.`, answer.status);
    this.jwt = (JSON.parse(answer.body.toString('utf8')) as { token?: string }).token;
    return this.jwt;
  }
}
