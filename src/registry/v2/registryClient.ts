/**
 * A client of the Registry HTTP API V2 (the Distribution registry, and any registry that speaks it):
 * the `WWW-Authenticate` flows (Bearer token from the realm, or Basic), `_catalog` and tag lists page by
 * page through `Link` headers, manifests and config blobs, and DELETE by digest. Network I/O without vscode.
 */
import { createHash } from 'node:crypto';
import { nextLink, parseAuthChallenge } from './headers';
import { httpRequest, HttpAnswer, RegistryHttpError } from './registryHttp';
import { acceptManifests, ManifestSummary, readImageConfig, summarizeManifest } from './manifests';

export interface RegistryLogin {
  username?: string;
  password?: string;
  identitytoken?: string;
}

export interface RegistryEndpoint {
  /** `https://host:port` or `http://host:port` (no path). */
  baseUrl: string;
  login?: RegistryLogin;
  /** PEM of the CA of the registry's certificate. */
  ca?: string;
}

export interface Page<T> {
  items: T[];
  /** The request of the next page (a `Link` target), or undefined on the last page. */
  next?: string;
}

export interface ManifestAnswer {
  digest: string;
  mediaType: string;
  text: string;
  summary: ManifestSummary;
}

export class RegistryRequestError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** The `errors` a registry puts in a failed answer, as one line. */
function registryErrors(answer: HttpAnswer): string {
  try {
    const parsed = JSON.parse(answer.body.toString('utf8')) as { errors?: Array<{ code?: string; message?: string }> };
    const said = (parsed.errors ?? []).map((error) => [error.code, error.message].filter(Boolean).join(': ')).join('; ');
    if (said) return said;
  } catch {
    // Not JSON: the status says enough.
  }
  return `HTTP ${answer.status}`;
}

export class RegistryClient {
  private readonly host: string;
  /** Authorization per scope key; Basic is one header for all. */
  private readonly tokens = new Map<string, string>();
  private basic: string | undefined;

  constructor(readonly endpoint: RegistryEndpoint) {
    this.host = new URL(endpoint.baseUrl).host;
  }

  /** Checks that the registry answers V2 and accepts the login (`GET /v2/`). */
  async ping(signal?: AbortSignal): Promise<void> {
    await this.get('/v2/', 'base', {}, signal);
  }

  async catalogPage(size: number, next?: string, signal?: AbortSignal): Promise<Page<string>> {
    const answer = await this.get(next ?? `/v2/_catalog?n=${size}`, 'catalog', {}, signal, (status) =>
      status === 404 || status === 405 ? `${this.host} does not list its repositories (no _catalog); add repositories by name.` : undefined,
    );
    const body = JSON.parse(answer.body.toString('utf8')) as { repositories?: string[] | null };
    return { items: body.repositories ?? [], next: nextLink(answer.headers.link) };
  }

  async tagsPage(repository: string, size: number, next?: string, signal?: AbortSignal): Promise<Page<string>> {
    const answer = await this.get(next ?? `/v2/${repository}/tags/list?n=${size}`, `repository:${repository}`, {}, signal, (status) =>
      status === 404 ? `${repository} is not in ${this.host}.` : undefined,
    );
    const body = JSON.parse(answer.body.toString('utf8')) as { tags?: string[] | null };
    return { items: body.tags ?? [], next: nextLink(answer.headers.link) };
  }

  /** A manifest by tag or digest, asked with every manifest type so the digest answered is the one a DELETE takes. */
  async manifest(repository: string, reference: string, signal?: AbortSignal): Promise<ManifestAnswer> {
    const answer = await this.get(`/v2/${repository}/manifests/${reference}`, `repository:${repository}`, { Accept: acceptManifests }, signal, (status) =>
      status === 404 ? `${repository}:${reference} is not in ${this.host}.` : undefined,
    );
    const text = answer.body.toString('utf8');
    const header = answer.headers['docker-content-digest'];
    const digest = (Array.isArray(header) ? header[0] : header) ?? `sha256:${createHash('sha256').update(answer.body).digest('hex')}`;
    const contentType = answer.headers['content-type'];
    const summary = summarizeManifest(text, contentType);
    return { digest, mediaType: summary.mediaType, text, summary };
  }

  /** An image's config blob: its creation time and platform. */
  async imageConfig(repository: string, digest: string, signal?: AbortSignal): Promise<{ created?: string; platform?: string }> {
    const answer = await this.get(`/v2/${repository}/blobs/${digest}`, `repository:${repository}`, {}, signal);
    return readImageConfig(answer.body.toString('utf8'));
  }

  /** Deletes a manifest by digest (a registry refuses a delete by tag); every tag on it goes with it. */
  async deleteManifest(repository: string, digest: string, signal?: AbortSignal): Promise<void> {
    if (!/^[a-z0-9]+:[a-f0-9]{32,}$/.test(digest)) {
      throw new RegistryRequestError(`"${digest}" is not a digest; a registry deletes manifests by digest only.`);
    }
    await this.request('DELETE', `/v2/${repository}/manifests/${digest}`, `delete:${repository}`, {}, signal, (status) =>
      status === 405 ? `${this.host} does not allow deletes (its storage.delete setting is off).` : status === 404 ? `${repository}@${digest} is no longer in ${this.host}.` : undefined,
    );
  }

  private get(path: string, scopeKey: string, headers: Record<string, string>, signal?: AbortSignal, explain?: (status: number) => string | undefined): Promise<HttpAnswer> {
    return this.request('GET', path, scopeKey, headers, signal, explain);
  }

  private async request(
    method: string,
    path: string,
    scopeKey: string,
    headers: Record<string, string>,
    signal: AbortSignal | undefined,
    explain?: (status: number) => string | undefined,
  ): Promise<HttpAnswer> {
    const url = new URL(path, this.endpoint.baseUrl).toString();
    const send = (authorization: string | undefined) =>
      httpRequest(url, { method, signal, ca: this.endpoint.ca, headers: authorization ? { ...headers, Authorization: authorization } : headers });
    let answer = await send(this.tokens.get(scopeKey) ?? this.basic);
    if (answer.status === 401) {
      const authorization = await this.authorize(answer, signal);
      if (authorization.startsWith('Basic ')) this.basic = authorization;
      else this.tokens.set(scopeKey, authorization);
      answer = await send(authorization);
      if (answer.status === 401) {
        throw new RegistryRequestError(
          this.endpoint.login ? `${this.host} refused the login (${registryErrors(answer)}).` : `${this.host} needs a login (${registryErrors(answer)}).`,
          401,
        );
      }
    }
    if (answer.status >= 200 && answer.status < 300) return answer;
    const explained = explain?.(answer.status);
    if (answer.status === 403) throw new RegistryRequestError(`${this.host} denied ${method} ${path.split('?')[0]}: ${registryErrors(answer)}.`, 403);
    throw new RegistryRequestError(explained ?? `${this.host} answered ${method} ${path.split('?')[0]} with ${registryErrors(answer)}.`, answer.status);
  }

  /** The Authorization header a 401 challenge asks for; fetches a bearer token from the realm. */
  private async authorize(answer: HttpAnswer, signal: AbortSignal | undefined): Promise<string> {
    const wwwAuthenticate = answer.headers['www-authenticate'];
    const challenge = parseAuthChallenge(Array.isArray(wwwAuthenticate) ? wwwAuthenticate[0] : wwwAuthenticate);
    const login = this.endpoint.login;
    const basic = login?.username !== undefined && login.password !== undefined ? `Basic ${Buffer.from(`${login.username}:${login.password}`).toString('base64')}` : undefined;
    if (challenge?.scheme === 'basic') {
      if (!basic) throw new RegistryRequestError(`${this.host} needs a login.`, 401);
      return basic;
    }
    if (challenge?.scheme !== 'bearer' || !challenge.params.realm) {
      throw new RegistryRequestError(`${this.host} asked for an authentication this client does not speak.`, 401);
    }
    const realm = new URL(challenge.params.realm);
    const form = new URLSearchParams();
    if (challenge.params.service) form.set('service', challenge.params.service);
    if (challenge.params.scope) form.set('scope', challenge.params.scope);
    let tokenAnswer: HttpAnswer;
    if (login?.identitytoken) {
      form.set('grant_type', 'refresh_token');
      form.set('refresh_token', login.identitytoken);
      form.set('client_id', 'dockside');
      tokenAnswer = await httpRequest(realm.toString(), {
        method: 'POST',
        signal,
        ca: this.endpoint.ca,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
    } else {
      form.forEach((value, key) => realm.searchParams.set(key, value));
      tokenAnswer = await httpRequest(realm.toString(), { signal, ca: this.endpoint.ca, headers: basic ? { Authorization: basic } : {} });
    }
    if (tokenAnswer.status === 401 || tokenAnswer.status === 403) {
      throw new RegistryRequestError(`${this.host} refused the login at its token service ${realm.host}.`, 401);
    }
    if (tokenAnswer.status < 200 || tokenAnswer.status >= 300) {
      throw new RegistryRequestError(`The token service ${realm.host} of ${this.host} answered ${registryErrors(tokenAnswer)}.`, tokenAnswer.status);
    }
    const body = JSON.parse(tokenAnswer.body.toString('utf8')) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryRequestError(`The token service ${realm.host} of ${this.host} gave no token.`);
    return `Bearer ${token}`;
  }
}

export { RegistryHttpError };
