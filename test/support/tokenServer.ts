/**
 * A token server of the test's own, on loopback, for a Distribution registry in token-auth mode: it checks Basic
 * credentials (or an OAuth2 form: password or refresh-token grant) and issues ES256 JWTs whose `x5c` header
 * carries the signing certificate, signed by a CA made here that the registry trusts (`rootcertbundle`).
 * Claims as Distribution 2.8 checks them: `iss`, `aud` (one string: the service), `exp`/`nbf` (with 60 s of
 * leeway), `sub`, `iat`, `jti`, and `access` granted per requested scope. Anonymous requests get a token
 * without access (as Docker Hub's token service does), so the registry then answers `insufficient_scope`.
 * Every request is recorded (who, how, which scopes) for the test to assert; no secret is recorded.
 */
import { execFileSync } from 'node:child_process';
import { createPrivateKey, KeyObject, randomUUID, sign } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeTlsMaterial } from './tlsCerts';

export interface TokenUser {
  name: string;
  password: string;
  /** The actions this user may be granted (`pull`, `push`, `delete`, `*`); every action asked for when absent. */
  actions?: string[];
}

export interface TokenRequestRecord {
  method: 'GET' | 'POST';
  /** `basic` (GET with Basic credentials), `anonymous`, or the OAuth2 grant of a POST. */
  grant: 'basic' | 'anonymous' | 'password' | 'refresh_token';
  /** The user the request authenticated as; undefined for anonymous or refused requests. */
  user?: string;
  /** The scopes asked for, one per entry (`repository:a/b:pull,push`). */
  scopes: string[];
  clientId?: string;
  /** Whether a refresh token was asked for (`offline_token=true` or `access_type=offline`). */
  offline: boolean;
  /** The HTTP status answered. */
  status: number;
}

export interface TokenServerOptions {
  users: TokenUser[];
  /** The `service` (the registry's name, the tokens' audience). */
  service?: string;
  issuer?: string;
  /** Seconds a token lives (`expires_in`). */
  expiresIn?: number;
  /** Answer a refresh token when one is asked for (what makes the engine's `/auth` return an identity token). */
  refreshTokens?: boolean;
  /** Serve HTTPS with a certificate for 127.0.0.1 from a CA made here (`ca`), instead of plain HTTP. */
  tls?: boolean;
}

interface Grant {
  type: string;
  name: string;
  actions: string[];
}

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

function openssl(cwd: string, ...args: string[]): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** `type:name:actions` → a grant; the name may hold colons only in a type's class (`repository(plugin)`), so split at the ends. */
function parseScope(scope: string): Grant | undefined {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first <= 0 || last <= first) return undefined;
  return { type: scope.slice(0, first), name: scope.slice(first + 1, last), actions: scope.slice(last + 1).split(',').filter(Boolean) };
}

export class TokenServer {
  readonly requests: TokenRequestRecord[] = [];
  readonly service: string;
  readonly issuer: string;
  /** `http(s)://127.0.0.1:<port>/token`. */
  realm = '';
  /** PEM of the CA of the HTTPS certificate (with `tls`). */
  ca: string | undefined;
  /** PEM file of the CA that signs the token certificate: the registry's `rootcertbundle`. */
  readonly rootCertBundle: string;
  /** How many of the next tokens are issued already expired for the registry (while `expires_in` says they are good). */
  staleTokens = 0;
  private readonly refreshTokens = new Map<string, string>();
  private server: http.Server | https.Server | undefined;
  private key: KeyObject | undefined;
  private x5c: string[] = [];

  private constructor(
    private readonly options: TokenServerOptions,
    readonly dir: string,
  ) {
    this.service = options.service ?? 'dockside-test-registry';
    this.issuer = options.issuer ?? 'dockside-test-token-issuer';
    this.rootCertBundle = path.join(dir, 'token-ca.pem');
  }

  static async start(options: TokenServerOptions): Promise<TokenServer> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dockside-token-'));
    const server = new TokenServer(options, dir);
    try {
      await server.launch();
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  /** The `auth.token` settings of a registry that trusts this server's tokens (OwnRegistry's `token` option). */
  get registryAuth(): { realm: string; service: string; issuer: string; rootCertBundle: string } {
    return { realm: this.realm, service: this.service, issuer: this.issuer, rootCertBundle: this.rootCertBundle };
  }

  private async launch(): Promise<void> {
    // A CA (the registry's root bundle) and a signing certificate it signs: the chain the registry verifies from `x5c`.
    const key = (name: string): void => openssl(this.dir, 'ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', name);
    key('token-ca-key.pem');
    openssl(this.dir, 'req', '-x509', '-new', '-key', 'token-ca-key.pem', '-sha256', '-days', '2', '-subj', '/CN=dockside test token CA', '-out', 'token-ca.pem');
    key('signing-key.pem');
    openssl(this.dir, 'req', '-new', '-key', 'signing-key.pem', '-subj', `/CN=${this.issuer}`, '-out', 'signing.csr');
    await fs.writeFile(path.join(this.dir, 'signing.ext'), 'basicConstraints = CA:FALSE\nkeyUsage = digitalSignature\n');
    openssl(this.dir, 'x509', '-req', '-in', 'signing.csr', '-CA', 'token-ca.pem', '-CAkey', 'token-ca-key.pem', '-CAcreateserial', '-days', '2', '-sha256', '-extfile', 'signing.ext', '-out', 'signing.pem');
    this.key = createPrivateKey(await fs.readFile(path.join(this.dir, 'signing-key.pem')));
    const pem = await fs.readFile(path.join(this.dir, 'signing.pem'), 'utf8');
    this.x5c = [pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '')];

    const handle = (request: http.IncomingMessage, response: http.ServerResponse) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => this.answer(request, Buffer.concat(chunks).toString('utf8'), response));
    };
    let server: http.Server | https.Server;
    if (this.options.tls) {
      const material = makeTlsMaterial(path.join(this.dir, 'tls'));
      this.ca = await fs.readFile(material.server.ca, 'utf8');
      server = https.createServer({ cert: await fs.readFile(material.server.cert), key: await fs.readFile(material.server.key) }, handle);
    } else {
      server = http.createServer(handle);
    }
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.realm = `${this.options.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}/token`;
  }

  private answer(request: http.IncomingMessage, body: string, response: http.ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const reply = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      response.end(JSON.stringify(json));
    };
    if (url.pathname !== '/token' || (request.method !== 'GET' && request.method !== 'POST')) {
      reply(404, { errors: [{ code: 'NOT_FOUND', message: 'no such endpoint' }] });
      return;
    }
    const record: TokenRequestRecord = { method: request.method, grant: 'anonymous', scopes: [], offline: false, status: 0 };
    this.requests.push(record);
    const refuse = (message: string) => {
      record.status = 401;
      reply(401, { errors: [{ code: 'UNAUTHORIZED', message }] }, { 'WWW-Authenticate': `Basic realm="${this.realm}"` });
    };

    let service: string | null;
    let user: string | undefined;
    if (request.method === 'GET') {
      service = url.searchParams.get('service');
      // The token spec: one scope per `scope` parameter (a parameter may still hold several, space-separated).
      record.scopes = url.searchParams.getAll('scope').flatMap((scope) => scope.split(' ')).filter(Boolean);
      record.clientId = url.searchParams.get('client_id') ?? undefined;
      record.offline = url.searchParams.get('offline_token') === 'true';
      const authorization = request.headers.authorization;
      if (authorization) {
        record.grant = 'basic';
        const match = /^Basic\s+(\S+)$/i.exec(authorization);
        const decoded = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
        const colon = decoded.indexOf(':');
        user = this.check(decoded.slice(0, colon), decoded.slice(colon + 1));
        if (colon < 0 || !user) return refuse('invalid username or password');
      }
    } else {
      // OAuth2 form (what a client with an identity token, or one forced to OAuth, posts).
      const form = new URLSearchParams(body);
      service = form.get('service');
      record.scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
      record.clientId = form.get('client_id') ?? undefined;
      record.offline = form.get('access_type') === 'offline';
      const grant = form.get('grant_type');
      if (grant === 'password') {
        record.grant = 'password';
        user = this.check(form.get('username') ?? '', form.get('password') ?? '');
        if (!user) return refuse('invalid username or password');
      } else if (grant === 'refresh_token') {
        record.grant = 'refresh_token';
        user = this.refreshTokens.get(form.get('refresh_token') ?? '');
        if (!user) return refuse('invalid refresh token');
      } else {
        record.status = 400;
        return reply(400, { error: 'unsupported_grant_type' });
      }
    }
    if (service !== this.service) {
      record.status = 400;
      return reply(400, { errors: [{ code: 'DENIED', message: `unknown service ${String(service)}` }] });
    }
    record.user = user;
    const allowed = this.options.users.find((known) => known.name === user)?.actions;
    const access = user
      ? record.scopes
          .map(parseScope)
          .filter((grant): grant is Grant => grant !== undefined)
          .map((grant) => ({ ...grant, actions: grant.actions.filter((action) => !allowed || allowed.includes(action)) }))
          .filter((grant) => grant.actions.length > 0)
      : [];
    const now = Math.floor(Date.now() / 1000);
    const expiresIn = this.options.expiresIn ?? 300;
    // A stale token expired beyond the registry's 60 s of leeway: the registry answers `invalid_token`.
    const stale = this.staleTokens > 0;
    if (stale) this.staleTokens--;
    const exp = stale ? now - 600 : now + expiresIn;
    const token = this.jwt({ iss: this.issuer, sub: user ?? '', aud: this.service, exp, nbf: Math.min(now - 1, exp - 1), iat: now, jti: randomUUID(), access });
    const answer: Record<string, unknown> = { token, access_token: token, expires_in: expiresIn, issued_at: new Date(now * 1000).toISOString() };
    if (user && record.offline && this.options.refreshTokens) {
      const refresh = randomUUID();
      this.refreshTokens.set(refresh, user);
      answer.refresh_token = refresh;
    }
    record.status = 200;
    reply(200, answer);
  }

  private check(name: string, password: string): string | undefined {
    return this.options.users.some((user) => user.name === name && user.password === password) ? name : undefined;
  }

  private jwt(claims: Record<string, unknown>): string {
    const header = { typ: 'JWT', alg: 'ES256', x5c: this.x5c };
    const signed = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
    // JWS wants ES256 signatures as r‖s (64 bytes), not DER.
    const signature = sign('sha256', Buffer.from(signed), { key: this.key!, dsaEncoding: 'ieee-p1363' });
    return `${signed}.${base64url(signature)}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await fs.rm(this.dir, { recursive: true, force: true });
  }
}
