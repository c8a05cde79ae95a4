/**
 * Registries against real Distribution registries (plain HTTP, TLS with a CA made here, TLS + htpasswd):
 * push, the view model's repositories/tags/details, pull back, delete by digest, login and logout as the
 * Docker CLI sees them. All traffic stays on the loopback interface.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import Docker from 'dockerode';
import { registryEntries } from '../../src/registry/browse/registryEntries';
import { RegistryNode, RegistryTreeModel } from '../../src/registry/browse/registryTree';
import { V2Source } from '../../src/registry/browse/v2Source';
import { DockerCredentials } from '../../src/registry/credentials/dockerCredentials';
import { logIn, logOut } from '../../src/registry/credentials/registryLogin';
import { pullImage, pushImage } from '../../src/registry/registryOperations';
import { RegistryClient } from '../../src/registry/v2/registryClient';
import { runBuild } from '../../src/build/buildRunner';
import { ensureEngine, TEST_IMAGE, testLabels } from '../support/engine';
import { OwnRegistry } from '../support/ownRegistry';

const user = { name: 'dockside', password: `pw-${process.pid}-correct` };
const repository = 'dockside-test/busybox';
let docker: Docker;
let plain: OwnRegistry;
let secure: OwnRegistry;
let guarded: OwnRegistry;
let configDir: string;
const tagged: string[] = [];

before(async () => {
  docker = await ensureEngine();
  [plain, secure, guarded] = await Promise.all([
    OwnRegistry.start({ mode: 'http' }),
    OwnRegistry.start({ mode: 'tls' }),
    OwnRegistry.start({ mode: 'tls-htpasswd', user }),
  ]);
  configDir = await fs.mkdtemp(path.join(os.tmpdir(), 'dockside-docker-config-'));
});

after(async () => {
  for (const reference of tagged) await docker.getImage(reference).remove().catch(() => undefined);
  await Promise.all([plain?.stop(), secure?.stop(), guarded?.stop()]);
  if (configDir) await fs.rm(configDir, { recursive: true, force: true });
});

async function tagTestImage(registry: OwnRegistry, tag = '1'): Promise<string> {
  const reference = `${registry.host}/${repository}:${tag}`;
  await docker.getImage(TEST_IMAGE).tag({ repo: `${registry.host}/${repository}`, tag });
  tagged.push(reference);
  return reference;
}

async function repoDigest(reference: string, registry: OwnRegistry): Promise<string> {
  const image = await docker.getImage(reference).inspect();
  const digest = image.RepoDigests.find((entry) => entry.startsWith(`${registry.host}/${repository}@`));
  assert.ok(digest, `the engine knows the pushed digest of ${reference}: ${JSON.stringify(image.RepoDigests)}`);
  return digest.split('@')[1];
}

/** The view model of one registry, as the Registries view would build it. */
function viewOf(registry: OwnRegistry, credentials?: DockerCredentials): RegistryTreeModel {
  return new RegistryTreeModel(
    async () => registryEntries([{ url: registry.baseUrl }], []),
    async (entry) => new V2Source({ baseUrl: entry.baseUrl!, ca: registry.ca, login: credentials ? await credentials.get(entry.credentialKey) : undefined }),
  );
}

async function find(nodes: RegistryNode[], predicate: (node: RegistryNode) => boolean, what: string): Promise<RegistryNode> {
  const found = nodes.find(predicate);
  assert.ok(found, `${what} in ${JSON.stringify(nodes.map((node) => ('text' in node ? node.text : node.id)))}`);
  return found;
}

/** Registry → repository → tag → details; returns the tag node (with its details loaded) and the detail lines. */
async function tagInView(view: RegistryTreeModel, tag: string) {
  const [root] = await view.roots();
  assert.equal(root.kind, 'registry');
  const repo = await find(await view.children(root), (node) => node.kind === 'repository' && node.repository === repository, `the repository ${repository}`);
  const tagNode = await find(await view.children(repo), (node) => node.kind === 'tag' && node.tag === tag, `the tag ${tag}`);
  const details = await view.children(tagNode);
  return { repo, tagNode: tagNode as Extract<RegistryNode, { kind: 'tag' }>, details };
}

for (const mode of ['http', 'tls'] as const) {
  test(`${mode} registry: push, see tag/digest/size in the view, pull back after removing locally, delete the tag`, async () => {
    const registry = mode === 'http' ? plain : secure;
    const reference = await tagTestImage(registry);
    const pushed = await pushImage(docker, reference, () => undefined);
    assert.equal(pushed.ok, true, JSON.stringify(pushed));
    const digest = await repoDigest(reference, registry);

    const view = viewOf(registry);
    const { repo, tagNode, details } = await tagInView(view, '1');
    assert.equal(tagNode.details?.digest, digest);
    assert.ok((tagNode.details?.size ?? 0) > 100_000, `the size of busybox is shown: ${tagNode.details?.size}`);
    assert.deepEqual(
      details.map((node) => (node.kind === 'detail' ? node.label : node.kind)),
      ['Digest', 'Size', 'Created', 'linux/amd64'].filter((label) => label !== 'linux/amd64' || tagNode.details!.platforms.length > 0),
    );
    assert.equal(details[0].kind === 'detail' && details[0].description, digest);

    await docker.getImage(reference).remove();
    assert.equal((await docker.listImages({ filters: { reference: [reference] } })).length, 0);
    const pulled = await pullImage(docker, reference, () => undefined);
    assert.equal(pulled.ok, true, JSON.stringify(pulled));
    assert.equal((await docker.listImages({ filters: { reference: [reference] } })).length, 1);

    const source = await view.source(tagNode.entry);
    await source.deleteDigest!(repository, digest, new AbortController().signal);
    view.refresh(repo);
    const after = await view.children(repo);
    assert.deepEqual(
      after.map((node) => node.kind),
      ['message'],
    );
    assert.equal(after[0].kind === 'message' && after[0].text, 'No tags.');
    view.dispose();
  });
}

test('htpasswd registry: refused push names the registry; wrong login stores nothing; right login is where the CLI reads it; logout', async () => {
  const credentials = new DockerCredentials(configDir);
  const reference = await tagTestImage(guarded);
  const lookup = (registry: string) => credentials.get(registry);

  const refused = await pushImage(docker, reference, () => undefined, undefined, lookup);
  assert.equal(refused.ok, false);
  assert.equal(!refused.ok && refused.refusedBy, guarded.host);
  assert.match(!refused.ok ? refused.message : '', new RegExp(`^Could not push ${reference.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ${guarded.host.replace(/\./g, '\\.')} refused the login`));

  const wrong = await logIn(docker, credentials, { server: `https://${guarded.host}`, username: user.name, password: 'not-the-password' });
  assert.deepEqual(wrong, { ok: false, refused: true, message: `${guarded.host} refused the login of dockside: wrong user name or password. Nothing was stored.` });
  assert.equal(existsSync(path.join(configDir, 'config.json')), false);

  const right = await logIn(docker, credentials, { server: guarded.host, username: user.name, password: user.password });
  assert.equal(right.ok, true, JSON.stringify(right).replace(user.password, '•••'));
  assert.doesNotMatch(JSON.stringify(right), new RegExp(user.password));
  const stored = JSON.parse(await fs.readFile(path.join(configDir, 'config.json'), 'utf8')) as { auths: Record<string, { auth: string }> };
  assert.equal(Buffer.from(stored.auths[guarded.host].auth, 'base64').toString(), `${user.name}:${user.password}`);

  const pushed = await pushImage(docker, reference, () => undefined, undefined, lookup);
  assert.equal(pushed.ok, true, JSON.stringify(pushed));
  const digest = await repoDigest(reference, guarded);

  const view = viewOf(guarded, credentials);
  const { tagNode } = await tagInView(view, '1');
  assert.equal(tagNode.details?.digest, digest);
  const anonymous = viewOf(guarded);
  const [root] = await anonymous.roots();
  const denied = await anonymous.children(root);
  assert.equal(denied.length, 1);
  assert.equal(denied[0].kind === 'message' && denied[0].text, `${guarded.host} needs a login.`);

  await docker.getImage(reference).remove();
  const cli = '/usr/local/bin/docker';
  if (existsSync(cli)) {
    // The Docker CLI pulls with what the login stored, from the same DOCKER_CONFIG.
    const env = { ...process.env, DOCKER_CONFIG: configDir };
    const pulled = spawnSync(cli, ['pull', '-q', reference], { env, encoding: 'utf8' });
    assert.equal(pulled.status, 0, pulled.stderr);
    assert.equal((await docker.listImages({ filters: { reference: [reference] } })).length, 1);
    await docker.getImage(reference).remove();
  }
  const pulled = await pullImage(docker, reference, () => undefined, undefined, lookup);
  assert.equal(pulled.ok, true, JSON.stringify(pulled));

  const out = await logOut(credentials, `https://${guarded.host}/`);
  assert.deepEqual(out, { ok: true, message: `Logged out of ${guarded.host}.` });
  assert.deepEqual(JSON.parse(await fs.readFile(path.join(configDir, 'config.json'), 'utf8')), { auths: {} });
  assert.equal(await credentials.get(guarded.host), undefined);

  if (existsSync(cli)) {
    // A login made with the CLI in a terminal is seen here.
    const env = { ...process.env, DOCKER_CONFIG: configDir };
    const login = spawnSync(cli, ['login', '--username', user.name, '--password-stdin', guarded.host], { env, input: user.password, encoding: 'utf8' });
    assert.equal(login.status, 0, login.stderr);
    assert.equal((await credentials.get(`https://${guarded.host}`))?.username, user.name);
    await logOut(credentials, guarded.host);
  }
  view.dispose();
  anonymous.dispose();
});

for (const builder of ['classic', 'buildkit'] as const) test(`build's FROM pull uses the credentials of the registry it names (${builder})`, async () => {
  const credentials = new DockerCredentials(configDir);
  const reference = await tagTestImage(guarded, 'base');
  await credentials.store({ serveraddress: guarded.host, username: user.name, password: user.password });
  try {
    const pushed = await pushImage(docker, reference, () => undefined, undefined, (registry) => credentials.get(registry));
    assert.equal(pushed.ok, true, JSON.stringify(pushed));
    await docker.getImage(reference).remove();
    const context = await fs.mkdtemp(path.join(os.tmpdir(), 'dockside-build-from-'));
    try {
      await fs.writeFile(path.join(context, 'Dockerfile'), `FROM ${reference}\nLABEL built=yes\n`);
      const built = `dockside-test/from-registry-${process.pid}-${builder}:1`;
      tagged.push(built);
      const run = (registryConfig: Awaited<ReturnType<DockerCredentials['all']>> | undefined) =>
        runBuild(
          docker,
          { contextDir: context, dockerfile: path.join(context, 'Dockerfile'), tags: [built], buildArgs: {}, labels: { ...testLabels }, builder, networkMode: 'none', registryConfig },
          { output: () => undefined, step: () => undefined },
          new AbortController().signal,
        );
      const without = await run(undefined);
      // Without credentials the engine fails the FROM pull (over HTTPS it is refused, then its fallback to HTTP for a loopback registry fails too).
      assert.equal(without.kind, 'failed');
      await docker.getImage(reference).remove().catch(() => undefined);
      const withCredentials = await run(await credentials.all());
      assert.equal(withCredentials.kind, 'succeeded', JSON.stringify(withCredentials));
      assert.equal((await docker.getImage(built).inspect()).Config.Labels?.built, 'yes');
      await docker.getImage(reference).remove().catch(() => undefined);
    } finally {
      await fs.rm(context, { recursive: true, force: true });
    }
  } finally {
    await credentials.erase(guarded.host);
  }
});

test('the registry client verifies certificates: untrusted without the CA, trusted with it', async () => {
  const untrusted = new RegistryClient({ baseUrl: secure.baseUrl });
  await assert.rejects(untrusted.ping(), /The certificate of 127\.0\.0\.1:\d+ is not trusted .*give the registry's CA certificate/);
  await new RegistryClient({ baseUrl: secure.baseUrl, ca: secure.ca }).ping();
  const otherCa = await OwnRegistry.start({ mode: 'tls' });
  try {
    await assert.rejects(new RegistryClient({ baseUrl: secure.baseUrl, ca: otherCa.ca }).ping(), /is not trusted/);
  } finally {
    await otherCa.stop();
  }
});
