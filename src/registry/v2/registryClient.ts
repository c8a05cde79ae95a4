/**
 * A client of the Registry HTTP API V2 (the Distribution registry, and any registry that speaks it):
 * the `WWW-Authenticate` flows (Bearer tokens from the realm, kept per scope until they expire, or Basic),
 * `_catalog` and tag lists page by page through `Link` headers, manifests and config blobs, and DELETE by
 * digest. Network I/O without vscode.
 */
import { createHash } from 'node:crypto';
import { nextLink, parseAuthChallenge } from './headers';
import { httpRequest, HttpAnswer, RegistryHttpError } from './registryHttp';
import { acceptManifests, ManifestSummary, readImageConfig, summarizeManifest } from './manifests';
import { IssuedToken, TokenCache } from './tokenCache';
import { basicAuthorization, BearerRealm, catalogScope, readTokenAnswer, repositoryScope, splitScopes, tokenRequest } from './tokenRequest';

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
  /** Bearer tokens by scope: one token serves every request of its scope until shortly before it expires. */
  private readonly tokens: TokenCache;
  /** The token service, once a challenge named it: a new scope's token is then fetched before its first request. */
  private bearer: BearerRealm | undefined;
  /** Basic credentials, once a challenge asked for them: one header for every request. */
  private basic: string | undefined;

  constructor(
    readonly endpoint: RegistryEndpoint,
    now: () => number = Date.now,
  ) {
    this.host = new URL(endpoint.baseUrl).host;
    this.tokens = new TokenCache(now);
  }

  /** Checks that the registry answers V2 and accepts the login (`GET /v2/`). */
  async ping(signal?: AbortSignal): Promise<void> {
    await this.get('/v2/', '', {}, signal);
  }

  async catalogPage(size: number, next?: string, signal?: AbortSignal): Promise<Page<string>> {
    const answer = await this.get(next ?? `/v2/_catalog?n=${size}`, catalogScope, {}, signal, (status) =>
      status === 404 || status === 405 ? `${this.host} does not list its repositories (no _catalog); add repositories by name.` : undefined,
    );
    const body = JSON.parse(answer.body.toString('utf8')) as { repositories?: string[] | null };
    return { items: body.repositories ?? [], next: nextLink(answer.headers.link) };
  }

  async tagsPage(repository: string, size: number, next?: string, signal?: AbortSignal): Promise<Page<string>> {
    const answer = await this.get(next ?? `/v2/${repository}/tags/list?n=${size}`, repositoryScope(repository, 'pull'), {}, signal, (status) =>
      status === 404 ? `${repository} is not in ${this.host}.` : undefined,
    );
    const body = JSON.parse(answer.body.toString('utf8')) as { tags?: string[] | null };
    const items = body.tags ?? [];
    const following = nextLink(answer.headers.link);
    // A registry that pages its tags answers them in lexical order; Distribution 2.8 answers all of them at once,
    // in the order of its storage: a whole list is sorted here.
    if (!next && !following) items.sort();
    return { items, next: following };
  }

  /** A manifest by tag or digest, asked with every manifest type so the digest answered is the one a DELETE takes. */
  async manifest(repository: string, reference: string, signal?: AbortSignal): Promise<ManifestAnswer> {
    const answer = await this.get(`/v2/${repository}/manifests/${reference}`, repositoryScope(repository, 'pull'), { Accept: acceptManifests }, signal, (status) =>
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
    const answer = await this.get(`/v2/${repository}/blobs/${digest}`, repositoryScope(repository, 'pull'), {}, signal);
    return readImageConfig(answer.body.toString('utf8'));
  }

  /** Deletes a manifest by digest (a registry refuses a delete by tag); every tag on it goes with it. */
  async deleteManifest(repository: string, digest: string, signal?: AbortSignal): Promise<void> {
    if (!/^[a-z0-9]+:[a-f0-9]{32,}$/.test(digest)) {
      throw new RegistryRequestError(`"${digest}" is not a digest; a registry deletes manifests by digest only.`);
    }
    await this.request('DELETE', `/v2/${repository}/manifests/${digest}`, repositoryScope(repository, 'delete'), {}, signal, (status) =>
      status === 405 ? `${this.host} does not allow deletes (its storage.delete setting is off).` : status === 404 ? `${repository}@${digest} is no longer in ${this.host}.` : undefined,
    );
  }

  private get(path: string, scope: string, headers: Record<string, string>, signal?: AbortSignal, explain?: (status: number) => string | undefined): Promise<HttpAnswer> {
    return this.request('GET', path, scope, headers, signal, explain);
  }

  /**
   * One request with the authorization its `scope` needs: Basic once asked for, or the scope's Bearer token
   * (kept, else fetched first once the token service is known). A 401 is answered once: its challenge says
   * which credentials, and for Bearer which scopes, the registry wants.
   */
  private async request(
    method: string,
    path: string,
    scope: string,
    headers: Record<string, string>,
    signal: AbortSignal | undefined,
    explain?: (status: number) => string | undefined,
  ): Promise<HttpAnswer> {
    const url = new URL(path, this.endpoint.baseUrl).toString();
    const send = (authorization: string | undefined) =>
      httpRequest(url, { method, signal, ca: this.endpoint.ca, headers: authorization ? { ...headers, Authorization: authorization } : headers });
    const realm = this.bearer;
    let authorization = this.basic ?? (realm ? await this.tokens.obtain(scope, () => this.fetchToken(realm, splitScopes(scope))) : undefined);
    signal?.throwIfAborted();
    let answer = await send(authorization);
    if (answer.status === 401) {
      authorization = await this.answerChallenge(answer, scope, authorization);
      signal?.throwIfAborted();
      answer = await send(authorization);
      if (answer.status === 401) throw this.refusal(method, path, scope, answer);
    }
    if (answer.status >= 200 && answer.status < 300) return answer;
    const explained = explain?.(answer.status);
    if (answer.status === 403) throw new RegistryRequestError(`${this.host} denied ${method} ${path.split('?')[0]}: ${registryErrors(answer)}.`, 403);
    throw new RegistryRequestError(explained ?? `${this.host} answered ${method} ${path.split('?')[0]} with ${registryErrors(answer)}.`, answer.status);
  }

  /** Why the registry still answered 401 with the credentials its challenge asked for. */
  private refusal(method: string, path: string, scope: string, answer: HttpAnswer): RegistryRequestError {
    const challenge = parseAuthChallenge(firstHeader(answer.headers['www-authenticate']));
    const login = this.endpoint.login;
    if (!login) return new RegistryRequestError(`${this.host} needs a login (${registryErrors(answer)}).`, 401);
    if (challenge?.scheme === 'bearer' && challenge.params.error === 'insufficient_scope') {
      const who = login.username ? `the login of ${login.username}` : 'the login';
      return new RegistryRequestError(`${this.host} denied ${method} ${path.split('?')[0]}: ${who} was not granted ${scope || 'access'}.`, 403);
    }
    return new RegistryRequestError(`${this.host} refused the login (${registryErrors(answer)}).`, 401);
  }

  /** The Authorization header a 401 challenge asks for: Basic, or a Bearer token fetched from its realm. */
  private async answerChallenge(answer: HttpAnswer, scope: string, refused: string | undefined): Promise<string> {
    const challenge = parseAuthChallenge(firstHeader(answer.headers['www-authenticate']));
    const login = this.endpoint.login;
    if (challenge?.scheme === 'basic') {
      if (login?.username === undefined || login.password === undefined) throw new RegistryRequestError(`${this.host} needs a login.`, 401);
      this.basic = basicAuthorization(login.username, login.password);
      return this.basic;
    }
    if (challenge?.scheme !== 'bearer' || !challenge.params.realm) {
      throw new RegistryRequestError(`${this.host} asked for an authentication this client does not speak.`, 401);
    }
    const realm: BearerRealm = { realm: challenge.params.realm, service: challenge.params.service };
    try {
      new URL(realm.realm);
    } catch {
      throw new RegistryRequestError(`${this.host} named a token service that is not a URL.`, 401);
    }
    this.bearer = realm;
    // The challenge names the scopes the registry wants; the token is kept under the scope this client asks by.
    const scopes = challenge.params.scope !== undefined ? splitScopes(challenge.params.scope) : splitScopes(scope);
    return this.tokens.refetch(scope, () => this.fetchToken(realm, scopes), refused);
  }

  /** A token for `scopes` from the token service, with the login (Basic, or the identity token as a refresh-token grant). */
  private async fetchToken(realm: BearerRealm, scopes: string[]): Promise<IssuedToken> {
    const login = this.endpoint.login;
    const request = tokenRequest(realm, scopes, login);
    const service = new URL(realm.realm).host;
    let answer: HttpAnswer;
    try {
      answer = await httpRequest(request.url, { method: request.method, headers: request.headers, body: request.body, ca: this.endpoint.ca });
    } catch (error) {
      // Say that it is the token service that failed: its address is not the registry's.
      if (error instanceof RegistryHttpError) throw new RegistryHttpError(`The token service of ${this.host}: ${error.message}`, error.code);
      throw error;
    }
    if (answer.status === 401 || answer.status === 403) {
      if (!login) throw new RegistryRequestError(`${this.host} needs a login (its token service ${service} gives no anonymous token).`, 401);
      const what = login.identitytoken ? 'the stored token; log in again' : 'the user name or password';
      const who = login.username ? ` of ${login.username}` : '';
      throw new RegistryRequestError(`${this.host} refused the login${who}: its token service ${service} did not accept ${what}.`, 401);
    }
    if (answer.status < 200 || answer.status >= 300) {
      throw new RegistryRequestError(`The token service ${service} of ${this.host} answered ${registryErrors(answer)}.`, answer.status);
    }
    const issued = readTokenAnswer(answer.body.toString('utf8'));
    if (!issued) throw new RegistryRequestError(`The token service ${service} of ${this.host} gave no token.`);
    return issued;
  }
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export { RegistryHttpError };
