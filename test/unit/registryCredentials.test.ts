import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { decodeStoredAuth, encodeRegistryAuthHeader, encodeRegistryConfigHeader, encodeStoredAuth } from '../../src/registry/credentials/authConfig';
import { CredentialHelper } from '../../src/registry/credentials/credentialHelper';
import { DockerCredentials } from '../../src/registry/credentials/dockerCredentials';
import { credentialKey, dockerHubKey, hostOf, registryOfDomain } from '../../src/registry/credentials/registryHost';
import { writeCredentialHelper } from '../support/credentialHelperScript';

const temps: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dockside-creds-'));
  temps.push(dir);
  return dir;
}
after(async () => Promise.all(temps.map((dir) => fs.rm(dir, { recursive: true, force: true }))));

test('Docker Hub has one key whatever it is called; other registries are keyed by host:port', () => {
  for (const name of ['docker.io', 'index.docker.io', 'registry-1.docker.io', 'https://index.docker.io/v1/', 'https://registry-1.docker.io/v2/', '']) {
    assert.equal(credentialKey(name), dockerHubKey, name);
  }
  assert.equal(credentialKey('https://Registry.Example:5000/v2/'), 'registry.example:5000');
  assert.equal(credentialKey('127.0.0.1:21300'), '127.0.0.1:21300');
  assert.equal(hostOf('http://localhost:5000/path'), 'localhost:5000');
  assert.equal(registryOfDomain(undefined), dockerHubKey);
  assert.equal(registryOfDomain('ghcr.io'), 'ghcr.io');
});

test('auths entries decode as the CLI reads them, and encode back the same way', () => {
  const auth = Buffer.from('ann:pa:ss').toString('base64');
  assert.deepEqual(decodeStoredAuth('r:1', { auth }), { serveraddress: 'r:1', username: 'ann', password: 'pa:ss', identitytoken: undefined, registrytoken: undefined });
  assert.deepEqual(decodeStoredAuth('r:1', { auth: Buffer.from('ann:').toString('base64'), identitytoken: 'tok' }), {
    serveraddress: 'r:1',
    username: 'ann',
    password: undefined,
    identitytoken: 'tok',
    registrytoken: undefined,
  });
  assert.equal(decodeStoredAuth('r:1', {}), undefined);
  assert.deepEqual(encodeStoredAuth({ serveraddress: 'r:1', username: 'ann', password: 'pw' }), { auth: Buffer.from('ann:pw').toString('base64') });
  const header = JSON.parse(Buffer.from(encodeRegistryAuthHeader({ serveraddress: 'r:1', username: 'ann', password: 'pw' }), 'base64url').toString()) as unknown;
  assert.deepEqual(header, { serveraddress: 'r:1', username: 'ann', password: 'pw' });
  assert.deepEqual(JSON.parse(Buffer.from(encodeRegistryAuthHeader(undefined), 'base64url').toString()), {});
  // Padded, as Go's base64.URLEncoding decodes it (an unpadded header is silently ignored by the engine).
  for (const length of [1, 2, 3, 4]) {
    const value = encodeRegistryAuthHeader({ serveraddress: 'r'.repeat(length) });
    assert.equal(value.length % 4, 0, value);
    assert.doesNotMatch(value, /[+/]/);
  }
  const configs = JSON.parse(Buffer.from(encodeRegistryConfigHeader({ 'r:1': { serveraddress: 'r:1', identitytoken: 't' } }), 'base64url').toString()) as unknown;
  assert.deepEqual(configs, { 'r:1': { serveraddress: 'r:1', identitytoken: 't' } });
});

test('store and erase in auths keep every other key of config.json', async () => {
  const dir = await tempDir();
  const original = { auths: { 'other.example': { auth: Buffer.from('o:p').toString('base64') } }, psFormat: 'table {{.ID}}', proxies: { default: { httpProxy: 'http://127.0.0.1:3128' } } };
  await fs.writeFile(path.join(dir, 'config.json'), JSON.stringify(original));
  const credentials = new DockerCredentials(dir);
  await credentials.store({ serveraddress: 'https://127.0.0.1:21300/v2/', username: 'ann', password: 'secret' });
  const written = JSON.parse(await fs.readFile(path.join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(written.psFormat, original.psFormat);
  assert.deepEqual(written.proxies, original.proxies);
  assert.deepEqual(written.auths, { ...original.auths, '127.0.0.1:21300': { auth: Buffer.from('ann:secret').toString('base64') } });
  assert.equal((await fs.stat(path.join(dir, 'config.json'))).mode & 0o777, 0o600);
  assert.deepEqual(await credentials.get('127.0.0.1:21300'), { serveraddress: '127.0.0.1:21300', username: 'ann', password: 'secret', identitytoken: undefined, registrytoken: undefined });
  assert.deepEqual(Object.keys(await credentials.all()).sort(), ['127.0.0.1:21300', 'other.example']);
  await credentials.erase('http://127.0.0.1:21300');
  const erased = JSON.parse(await fs.readFile(path.join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
  assert.deepEqual(erased, original);
});

test('a Docker Hub login written under any of its names is found under every other', async () => {
  const dir = await tempDir();
  await fs.writeFile(path.join(dir, 'config.json'), JSON.stringify({ auths: { 'docker.io': { auth: Buffer.from('hubuser:pw').toString('base64') } } }));
  const credentials = new DockerCredentials(dir);
  for (const name of ['index.docker.io', 'registry-1.docker.io', dockerHubKey]) {
    assert.equal((await credentials.get(name))?.username, 'hubuser', name);
  }
});

test('a config.json that is not JSON is refused and left as it was', async () => {
  const dir = await tempDir();
  await fs.writeFile(path.join(dir, 'config.json'), '{ "auths": ');
  const credentials = new DockerCredentials(dir);
  await assert.rejects(credentials.store({ serveraddress: 'r:1', username: 'a', password: 'b' }), /is not valid JSON; fix or move it/);
  assert.equal(await fs.readFile(path.join(dir, 'config.json'), 'utf8'), '{ "auths": ');
});

test('the credential-helper protocol: store, get, list and erase through a helper program on PATH', async () => {
  const dir = await tempDir();
  const { storePath, env } = await writeCredentialHelper(dir, 'dockside-test');
  const helper = new CredentialHelper('dockside-test', env);
  assert.equal(await helper.get('r.example:5000'), undefined);
  await helper.store('r.example:5000', { serveraddress: 'r.example:5000', username: 'ann', password: 'pw' });
  await helper.store(dockerHubKey, { serveraddress: dockerHubKey, identitytoken: 'refresh-token' });
  assert.deepEqual(await helper.get('r.example:5000'), { serveraddress: 'r.example:5000', username: 'ann', password: 'pw' });
  assert.deepEqual(await helper.get(dockerHubKey), { serveraddress: dockerHubKey, identitytoken: 'refresh-token' });
  assert.deepEqual(await helper.list(), { 'r.example:5000': 'ann', [dockerHubKey]: '<token>' });
  await helper.erase('r.example:5000');
  await helper.erase('r.example:5000');
  assert.deepEqual(Object.keys(JSON.parse(await fs.readFile(storePath, 'utf8')) as object), [dockerHubKey]);
});

test('credsStore and credHelpers route credentials to the helper; the file keeps an empty entry only', async () => {
  const dir = await tempDir();
  const { storePath, env } = await writeCredentialHelper(dir, 'dockside-test');
  await fs.writeFile(path.join(dir, 'config.json'), JSON.stringify({ credHelpers: { 'r.example:5000': 'dockside-test' }, currentContext: 'default' }));
  const credentials = new DockerCredentials(dir, env);
  assert.equal(await credentials.storeFor('r.example:5000'), 'dockside-test');
  assert.equal(await credentials.storeFor('other.example'), undefined);
  await credentials.store({ serveraddress: 'https://r.example:5000', username: 'ann', password: 'helper-secret' });
  const file = await fs.readFile(path.join(dir, 'config.json'), 'utf8');
  assert.doesNotMatch(file, /helper-secret|YW5uOmhlbHBlci1zZWNyZXQ/);
  assert.deepEqual((JSON.parse(file) as { auths: unknown }).auths, { 'r.example:5000': {} });
  assert.equal((JSON.parse(file) as { currentContext: string }).currentContext, 'default');
  assert.equal((await credentials.get('r.example:5000'))?.password, 'helper-secret');
  assert.ok(Object.keys(JSON.parse(await fs.readFile(storePath, 'utf8')) as object).includes('r.example:5000'));
  await credentials.erase('r.example:5000');
  assert.equal(await credentials.get('r.example:5000'), undefined);

  await fs.writeFile(path.join(dir, 'config.json'), JSON.stringify({ credsStore: 'dockside-test' }));
  await credentials.store({ serveraddress: 'docker.io', username: 'hub', password: 'hubpw' });
  assert.deepEqual(await credentials.registries(), [dockerHubKey]);
  assert.equal((await credentials.all())[dockerHubKey]?.username, 'hub');
});

test('a missing helper program is named in a clear message', async () => {
  const helper = new CredentialHelper('dockside-absent', { PATH: '/nonexistent' });
  await assert.rejects(helper.get('x'), /docker-credential-dockside-absent is not on PATH/);
  assert.throws(() => new CredentialHelper('../evil'), /is not a credential helper name/);
});
