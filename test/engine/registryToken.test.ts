/**
 * The Bearer token flow against a real Distribution registry in token-auth mode and a token server of the
 * test's own (test/support/tokenServer.ts): the engine pushes through it, Dockside's V2 client lists, reads
 * and deletes through it with one token per scope, wrong credentials are refused with the registry named and
 * no secret shown, and a login through the engine's `/auth` (which answers an identity token here) lists
 * and pushes too. All traffic stays on the loopback interface.
 */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import Docker from 'dockerode';
import { registryEntries } from '../../src/registry/browse/registryEntries';
import { RegistryTreeModel } from '../../src/registry/browse/registryTree';
import { V2Source } from '../../src/registry/browse/v2Source';
import type { AuthConfig } from '../../src/registry/credentials/authConfig';
import { DockerCredentials } from '../../src/registry/credentials/dockerCredentials';
import { logIn, logOut } from '../../src/registry/credentials/registryLogin';
import { pushImage } from '../../src/registry/registryOperations';
import { RegistryClient, RegistryLogin } from '../../src/registry/v2/registryClient';
import { ensureEngine, TEST_IMAGE } from '../support/engine';
import { OwnRegistry } from '../support/ownRegistry';
import { TokenServer } from '../support/tokenServer';

const user = { name: 'dockside', password: `pw-${process.pid}-token` };
const reader = { name: 'reader', password: `pw-${process.pid}-reader`, actions: ['pull'] };
const wrongPassword = `pw-${process.pid}-wrong`;
const repositories = ['dockside-test/token-a', 'dockside-test/token-b', 'dockside-test/token-c'];
let docker: Docker;
let tokens: TokenServer;
let registry: OwnRegistry;
let configDir: string;
const tagged: string[] = [];

before(async () => {
  docker = await ensureEngine();
  tokens = await TokenServer.start({ users: [user, reader], refreshTokens: true });
  registry = await OwnRegistry.start({
    mode: 'http',
    token: tokens.registryAuth,
  });
  configDir = await fs.mkdtemp(path.join(os.tmpdir(), 'dockside-docker-config-'));
});

after(async () => {
  for (const reference of tagged) await docker.getImage(reference).remove().catch(() => undefined);
  await registry?.stop();
  await tokens?.stop();
  if (configDir) await fs.rm(configDir, { recursive: true, force: true });
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const passwordLogin = (who: { name: string; password: string }): AuthConfig => ({ serveraddress: registry.host, username: who.name, password: who.password });

async function tagTestImage(repository: string, tag: string): Promise<string> {
  await docker.getImage(TEST_IMAGE).tag({ repo: `${registry.host}/${repository}`, tag });
  const reference = `${registry.host}/${repository}:${tag}`;
  tagged.push(reference);
  return reference;
}

async function repoDigest(reference: string, repository: string): Promise<string> {
  const image = await docker.getImage(reference).inspect();
  const digest = image.RepoDigests.find((entry) => entry.startsWith(`${registry.host}/${repository}@`));
  assert.ok(digest, `the engine knows the pushed digest of ${reference}: ${JSON.stringify(image.RepoDigests)}`);
  return digest.split('@')[1];
}

/** Whether a token request asked for `actions` (in any order) on `repository`. */
function asksFor(scopes: string[], repository: string, actions: string[]): boolean {
  return scopes.some((scope) => scope.startsWith(`repository:${repository}:`) && [...scope.slice(`repository:${repository}:`.length).split(',')].sort().join() === [...actions].sort().join());
}

/** Rejects with an error whose message matches `pattern` (anchors apply to the message itself). */
async function rejectsWith(promise: Promise<unknown>, pattern: RegExp): Promise<string> {
  let message = '';
  await assert.rejects(promise, (error: Error) => {
    message = error.message;
    assert.match(message, pattern);
    return true;
  });
  return message;
}

/** What the token server was asked from `mark` on: [grant, user, scopes] per request. */
function askedSince(mark: number) {
  return tokens.requests.slice(mark).map((record) => [record.grant, record.user ?? null, record.scopes.join(' ')]);
}

function client(login?: RegistryLogin, now?: () => number): RegistryClient {
  return new RegistryClient({ baseUrl: registry.baseUrl, login }, now);
}

const pushedDigests = new Map<string, string>();

test('the engine pushes with X-Registry-Auth through the token flow; the V2 client then sees the tags', async () => {
  const mark = tokens.requests.length;
  for (const [index, repository] of repositories.entries()) {
    for (const tag of index === 0 ? ['1', '2'] : ['1']) {
      const reference = await tagTestImage(repository, tag);
      const pushed = await pushImage(docker, reference, () => undefined, undefined, async () => passwordLogin(user));
      assert.equal(pushed.ok, true, JSON.stringify(pushed));
      pushedDigests.set(`${repository}:${tag}`, await repoDigest(reference, repository));
    }
  }
  // The engine asked the token server itself, with the user's Basic credentials, for push and pull of each repository.
  const engineAsked = tokens.requests.slice(mark);
  for (const repository of repositories) {
    assert.ok(
      engineAsked.some((record) => record.grant === 'basic' && record.user === user.name && asksFor(record.scopes, repository, ['pull', 'push'])),
      `the engine asked for repository:${repository}:pull,push: ${JSON.stringify(engineAsked)}`,
    );
  }
  assert.ok(engineAsked.every((record) => record.status === 200));
  const page = await client(passwordLogin(user)).tagsPage(repositories[0], 10);
  assert.deepEqual(page.items, ['1', '2']);
});

test('the V2 client pages _catalog and tags, reads a manifest and deletes by digest with one token per scope', async () => {
  const [first] = repositories;
  const mark = tokens.requests.length;
  const registryClient = client(passwordLogin(user));

  const catalog1 = await registryClient.catalogPage(2);
  assert.deepEqual(catalog1.items, repositories.slice(0, 2));
  assert.ok(catalog1.next, 'a Link header leads to the second page');
  const catalog2 = await registryClient.catalogPage(2, catalog1.next);
  assert.deepEqual(catalog2, { items: [repositories[2]], next: undefined });

  // Distribution 2.8 answers every tag at once (it pages `_catalog` only), in the order of its storage; the client sorts a whole list.
  const tags = await registryClient.tagsPage(first, 1);
  assert.deepEqual([tags.items, tags.next], [['1', '2'], undefined]);

  const manifest = await registryClient.manifest(first, '1');
  assert.equal(manifest.digest, pushedDigests.get(`${first}:1`));
  assert.equal(manifest.summary.kind, 'image');
  assert.equal((await registryClient.imageConfig(first, manifest.summary.kind === 'image' ? manifest.summary.configDigest! : '')).platform, 'linux/amd64');

  // Both tags are one manifest: deleting its digest removes both.
  assert.equal(pushedDigests.get(`${first}:2`), manifest.digest);
  await registryClient.deleteManifest(first, manifest.digest);
  assert.deepEqual((await registryClient.tagsPage(first, 10)).items, []);

  // One token request per scope, each with the user's credentials; every later request of a scope reused its token.
  assert.deepEqual(askedSince(mark), [
    ['basic', user.name, 'registry:catalog:*'],
    ['basic', user.name, `repository:${first}:pull`],
    ['basic', user.name, `repository:${first}:delete`],
  ]);
});

test('a kept token is used until shortly before it expires, then a new one is fetched before the request', async () => {
  let offsetMs = 0;
  const registryClient = client(passwordLogin(user), () => Date.now() + offsetMs);
  const repository = repositories[1];
  const mark = tokens.requests.length;
  await registryClient.tagsPage(repository, 10);
  await registryClient.tagsPage(repository, 10);
  assert.equal(tokens.requests.length - mark, 1);
  // The token server gives 300 s tokens; 289 s later the token is still kept, at 291 s it is renewed.
  offsetMs = 289_000;
  await registryClient.tagsPage(repository, 10);
  assert.equal(tokens.requests.length - mark, 1);
  offsetMs = 291_000;
  assert.deepEqual((await registryClient.tagsPage(repository, 10)).items, ['1']);
  assert.deepEqual(askedSince(mark), [
    ['basic', user.name, `repository:${repository}:pull`],
    ['basic', user.name, `repository:${repository}:pull`],
  ]);
});

test('a token the registry does not take (invalid_token) is replaced once, and the request goes through', async () => {
  const repository = repositories[1];
  const registryClient = client(passwordLogin(user));
  await registryClient.ping();
  tokens.staleTokens = 1;
  const mark = tokens.requests.length;
  // The token fetched before the request is stale: the registry refuses it, the client asks again and retries with the new one.
  assert.deepEqual((await registryClient.tagsPage(repository, 10)).items, ['1']);
  assert.deepEqual((await registryClient.tagsPage(repository, 10)).items, ['1']);
  assert.deepEqual(askedSince(mark), [
    ['basic', user.name, `repository:${repository}:pull`],
    ['basic', user.name, `repository:${repository}:pull`],
  ]);
  assert.equal(tokens.staleTokens, 0);
});

test('concurrent requests of one scope share one token request', async () => {
  const repository = repositories[2];
  const registryClient = client(passwordLogin(user));
  await registryClient.ping();
  const mark = tokens.requests.length;
  const pages = await Promise.all(Array.from({ length: 6 }, () => registryClient.tagsPage(repository, 10)));
  assert.deepEqual(pages.map((page) => page.items), Array.from({ length: 6 }, () => ['1']));
  assert.deepEqual(askedSince(mark), [['basic', user.name, `repository:${repository}:pull`]]);
});

test('wrong credentials: refused with the registry named, no secret in any message; a login without delete is denied the delete', async () => {
  const wrong: AuthConfig = { serveraddress: registry.host, username: user.name, password: wrongPassword };
  const refusedAt = `${escape(registry.host)} refused the login of dockside: its token service ${escape(new URL(tokens.realm).host)} did not accept the user name or password\\.`;
  const clientSaid = await rejectsWith(client(wrong).catalogPage(10), new RegExp(`^${refusedAt}$`));
  const view = new RegistryTreeModel(
    async () => registryEntries([{ url: registry.baseUrl }], []),
    async (entry) => new V2Source({ baseUrl: entry.baseUrl!, login: wrong }),
  );
  const [root] = await view.roots();
  const shown = await view.children(root);
  assert.deepEqual(shown.map((node) => node.kind === 'message' && node.text).length, 1);
  assert.match(shown[0].kind === 'message' ? shown[0].text : '', new RegExp(`^${refusedAt}$`));
  view.dispose();

  await rejectsWith(client().catalogPage(10), new RegExp(`^${escape(registry.host)} needs a login \\(UNAUTHORIZED: authentication required\\)\\.$`));

  // The engine's own token flow refuses the push; the message names the registry and holds no password.
  const reference = await tagTestImage(repositories[1], 'refused');
  const refused = await pushImage(docker, reference, () => undefined, undefined, async () => wrong);
  assert.equal(refused.ok, false);
  assert.equal(!refused.ok && refused.refusedBy, registry.host);
  assert.match(!refused.ok ? refused.message : '', new RegExp(`^Could not push ${escape(reference)}: ${escape(registry.host)} refused the login`));

  const credentials = new DockerCredentials(configDir);
  const login = await logIn(docker, credentials, { server: registry.host, username: user.name, password: wrongPassword });
  assert.deepEqual(login, { ok: false, refused: true, message: `${registry.host} refused the login of dockside: wrong user name or password. Nothing was stored.` });
  assert.equal(await credentials.get(registry.host), undefined);

  // A user the token server grants pull only: listing works, the delete is denied by name.
  const readOnly = client(passwordLogin(reader));
  const digest = pushedDigests.get(`${repositories[1]}:1`)!;
  assert.equal((await readOnly.manifest(repositories[1], '1')).digest, digest);
  const denied = await rejectsWith(
    readOnly.deleteManifest(repositories[1], digest),
    new RegExp(`^${escape(registry.host)} denied DELETE /v2/${escape(repositories[1])}/manifests/${digest}: the login of reader was not granted repository:${escape(repositories[1])}:delete\\.$`),
  );
  assert.deepEqual((await readOnly.tagsPage(repositories[1], 10)).items, ['1']);

  const said = [clientSaid, denied, refused.ok ? '' : refused.message, login.message, shown[0].kind === 'message' ? shown[0].text : ''].join('\n');
  assert.doesNotMatch(said, new RegExp(`${escape(wrongPassword)}|${escape(user.password)}`));
});

test('a login through the engine keeps the identity token the token service gave; the view lists and the engine pushes with it', async () => {
  const credentials = new DockerCredentials(configDir);
  let mark = tokens.requests.length;
  const login = await logIn(docker, credentials, { server: registry.host, username: user.name, password: user.password });
  assert.equal(login.ok, true, login.message);
  // The engine asked for an offline token with the password, and was given a refresh token: that is what is stored.
  const loginAsked = tokens.requests.slice(mark);
  assert.ok(
    loginAsked.some((record) => record.grant === 'basic' && record.user === user.name && record.offline && record.clientId === 'docker'),
    `the engine asked for an offline token: ${JSON.stringify(loginAsked)}`,
  );
  const stored = JSON.parse(await fs.readFile(path.join(configDir, 'config.json'), 'utf8')) as { auths: Record<string, { auth: string; identitytoken?: string }> };
  assert.ok(stored.auths[registry.host].identitytoken, 'an identity token is stored');
  assert.equal(Buffer.from(stored.auths[registry.host].auth, 'base64').toString(), `${user.name}:`);
  assert.doesNotMatch(JSON.stringify(stored), new RegExp(escape(user.password)));

  mark = tokens.requests.length;
  const view = new RegistryTreeModel(
    async () => registryEntries([{ url: registry.baseUrl }], [registry.host]),
    async (entry) => new V2Source({ baseUrl: entry.baseUrl!, login: await credentials.get(entry.credentialKey) }),
  );
  const [root] = await view.roots();
  const listed = await view.children(root);
  assert.deepEqual(
    listed.map((node) => node.kind === 'repository' && node.repository),
    repositories,
  );
  const repo = listed.find((node) => node.kind === 'repository' && node.repository === repositories[1])!;
  assert.deepEqual((await view.children(repo)).map((node) => node.kind === 'tag' && node.tag), ['1']);
  // Dockside's client traded the identity token for access tokens (an OAuth2 refresh-token grant), one per scope.
  assert.deepEqual(
    tokens.requests.slice(mark).map((record) => [record.method, record.grant, record.user, record.clientId, record.scopes.join(' ')]),
    [
      ['POST', 'refresh_token', user.name, 'dockside', 'registry:catalog:*'],
      ['POST', 'refresh_token', user.name, 'dockside', `repository:${repositories[1]}:pull`],
    ],
  );
  view.dispose();

  mark = tokens.requests.length;
  const reference = await tagTestImage(repositories[2], 'from-login');
  const pushed = await pushImage(docker, reference, () => undefined, undefined, (host) => credentials.get(host));
  assert.equal(pushed.ok, true, JSON.stringify(pushed));
  // The engine traded the identity token too (its X-Registry-Auth carried no password).
  const pushAsked = tokens.requests.slice(mark);
  assert.ok(
    pushAsked.some((record) => record.grant === 'refresh_token' && record.user === user.name && asksFor(record.scopes, repositories[2], ['pull', 'push'])),
    `the engine pushed with the identity token: ${JSON.stringify(pushAsked)}`,
  );
  assert.deepEqual((await client(await credentials.get(registry.host)).tagsPage(repositories[2], 10)).items, ['1', 'from-login']);

  assert.deepEqual(await logOut(credentials, registry.host), { ok: true, message: `Logged out of ${registry.host}.` });
  assert.equal(await credentials.get(registry.host), undefined);
});

test('a token service over HTTPS: the client verifies its certificate; the engine pushes through it', async () => {
  const secureTokens = await TokenServer.start({ users: [user], tls: true });
  const behind = await OwnRegistry.start({
    mode: 'http',
    token: secureTokens.registryAuth,
  });
  try {
    const repository = 'dockside-test/behind-tls-tokens';
    await docker.getImage(TEST_IMAGE).tag({ repo: `${behind.host}/${repository}`, tag: '1' });
    const reference = `${behind.host}/${repository}:1`;
    tagged.push(reference);
    const login = { serveraddress: behind.host, username: user.name, password: user.password };
    const pushed = await pushImage(docker, reference, () => undefined, undefined, async () => login);
    assert.equal(pushed.ok, true, JSON.stringify(pushed));
    assert.ok(secureTokens.requests.some((record) => record.user === user.name && asksFor(record.scopes, repository, ['pull', 'push'])));

    const tokenHost = new URL(secureTokens.realm).host;
    await rejectsWith(
      new RegistryClient({ baseUrl: behind.baseUrl, login }).catalogPage(10),
      new RegExp(`^The token service of ${escape(behind.host)}: The certificate of ${escape(tokenHost)} is not trusted \\(.*\\); give the registry's CA certificate`),
    );
    const trusted = new RegistryClient({ baseUrl: behind.baseUrl, login, ca: secureTokens.ca });
    assert.deepEqual((await trusted.catalogPage(10)).items, [repository]);
    assert.deepEqual((await trusted.tagsPage(repository, 10)).items, ['1']);
  } finally {
    await behind.stop();
    await secureTokens.stop();
  }
});
