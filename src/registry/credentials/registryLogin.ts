/**
 * Log in and log out as `docker login` / `docker logout` do: the engine checks the credentials against the
 * registry (`POST /auth`, which may answer an identity token to keep instead of the password), then they
 * are stored where the CLI would store them. Engine I/O without vscode. No message ever holds a secret.
 */
import type Docker from 'dockerode';
import { engineMessage, engineStatusCode } from '../../engine/errors';
import { isRefusedLogin } from '../registryErrors';
import type { AuthConfig } from './authConfig';
import type { DockerCredentials } from './dockerCredentials';
import { credentialKey, registryDisplayName } from './registryHost';

export interface LoginRequest {
  server: string;
  username: string;
  /** A password or an access token. */
  password: string;
}

export type LoginResult =
  | { ok: true; registry: string; storedIn: string; message: string }
  | { ok: false; refused: boolean; message: string };

/** Replaces every occurrence of the secrets in a text (an engine message may quote what it was sent). */
export function withoutSecrets(text: string, secrets: Array<string | undefined>): string {
  return secrets.filter((secret): secret is string => !!secret && secret.length >= 3).reduce((out, secret) => out.split(secret).join('•••'), text);
}

export async function logIn(docker: Docker, credentials: DockerCredentials, request: LoginRequest, signal?: AbortSignal): Promise<LoginResult> {
  const server = request.server.trim();
  const username = request.username.trim();
  if (username === '' || request.password === '') {
    return { ok: false, refused: false, message: 'A user name and a password (or token) are needed to log in.' };
  }
  const registry = credentialKey(server);
  const name = registryDisplayName(registry);
  let identityToken: string | undefined;
  try {
    const answer = (await docker.checkAuth({ username, password: request.password, serveraddress: registry, abortSignal: signal })) as {
      Status?: string;
      IdentityToken?: string;
    };
    identityToken = answer?.IdentityToken || undefined;
  } catch (error) {
    const raw = withoutSecrets(engineMessage(error), [request.password]);
    // Engine 20.10 answers a refused login with 500; later engines with 401.
    const status = engineStatusCode(error);
    if (status === 401 || isRefusedLogin(raw)) {
      return { ok: false, refused: true, message: `${name} refused the login of ${username}: wrong user name or password. Nothing was stored.` };
    }
    return { ok: false, refused: false, message: `Could not log in to ${name}: ${raw}. Nothing was stored.` };
  }
  const stored: AuthConfig = identityToken ? { serveraddress: registry, username, identitytoken: identityToken } : { serveraddress: registry, username, password: request.password };
  try {
    await credentials.store(stored);
  } catch (error) {
    const raw = withoutSecrets(error instanceof Error ? error.message : String(error), [request.password, identityToken]);
    return { ok: false, refused: false, message: `${name} accepted the login, but it could not be stored: ${raw}` };
  }
  const helper = await credentials.storeFor(registry).catch(() => undefined);
  const storedIn = helper ? `the credential helper docker-credential-${helper}` : credentials.file.path;
  return { ok: true, registry, storedIn, message: `Logged in to ${name} as ${username} (stored in ${storedIn}).` };
}

export async function logOut(credentials: DockerCredentials, server: string): Promise<{ ok: boolean; message: string }> {
  const registry = credentialKey(server);
  const name = registryDisplayName(registry);
  try {
    await credentials.erase(registry);
    return { ok: true, message: `Logged out of ${name}.` };
  } catch (error) {
    return { ok: false, message: `Could not log out of ${name}: ${error instanceof Error ? error.message : String(error)}` };
  }
}
