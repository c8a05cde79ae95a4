/**
 * The token-auth flow's requests and answers (the Docker registry token spec and its OAuth2 variant). Pure.
 * A realm is asked with GET and the login as Basic credentials, one `scope` parameter per scope; with an
 * identity token (a refresh token a login gave) the form is POSTed as a `refresh_token` grant instead.
 */
import type { IssuedToken } from './tokenCache';

export interface BearerRealm {
  realm: string;
  service?: string;
}

export interface TokenLogin {
  username?: string;
  password?: string;
  identitytoken?: string;
}

export interface TokenHttpRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

/** The client id a token service is told (services may log it). */
export const tokenClientId = 'dockside';

/** A challenge's `scope` holds one or more scopes separated by spaces (RFC 6750). */
export function splitScopes(scope: string | undefined): string[] {
  return (scope ?? '').split(' ').filter(Boolean);
}

/** The scope a request needs: `registry:catalog:*`, or `repository:<name>:<action>`; '' for the base (`/v2/`). */
export function repositoryScope(repository: string, action: 'pull' | 'delete'): string {
  return `repository:${repository}:${action}`;
}
export const catalogScope = 'registry:catalog:*';

export function tokenRequest(realm: BearerRealm, scopes: string[], login: TokenLogin | undefined): TokenHttpRequest {
  const url = new URL(realm.realm);
  if (login?.identitytoken) {
    const form = new URLSearchParams();
    form.set('grant_type', 'refresh_token');
    form.set('refresh_token', login.identitytoken);
    form.set('client_id', tokenClientId);
    if (realm.service) form.set('service', realm.service);
    // OAuth2 takes its scopes in one space-separated parameter.
    if (scopes.length > 0) form.set('scope', scopes.join(' '));
    return { url: url.toString(), method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form.toString() };
  }
  if (realm.service) url.searchParams.set('service', realm.service);
  for (const scope of scopes) url.searchParams.append('scope', scope);
  const headers: Record<string, string> = {};
  if (login?.username !== undefined && login.password !== undefined) {
    url.searchParams.set('account', login.username);
    headers.Authorization = basicAuthorization(login.username, login.password);
  }
  return { url: url.toString(), method: 'GET', headers };
}

export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

/** A token service's answer (`token`, or OAuth2's `access_token`; `expires_in` in seconds), or undefined without a token. */
export function readTokenAnswer(body: string): IssuedToken | undefined {
  let parsed: { token?: unknown; access_token?: unknown; expires_in?: unknown };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return undefined;
  }
  const token = typeof parsed.token === 'string' && parsed.token ? parsed.token : typeof parsed.access_token === 'string' && parsed.access_token ? parsed.access_token : undefined;
  if (!token) return undefined;
  const expiresIn = typeof parsed.expires_in === 'number' && Number.isFinite(parsed.expires_in) ? parsed.expires_in : 0;
  return { authorization: `Bearer ${token}`, expiresIn };
}
