import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import Docker from 'dockerode';
import { dockerOptionsFor } from '../../src/engine/dockerOptions';
import { contextDigest, describeEndpoint, resolveEndpoint } from '../../src/engine/endpoint';

const homes: string[] = [];
after(() => homes.forEach((home) => fs.rmSync(home, { recursive: true, force: true })));

/** A temporary HOME with a ~/.docker holding the given config.json and contexts. */
function makeHome(options: { currentContext?: string; contexts?: Record<string, { host: string; skipVerify?: boolean; tls?: boolean }> } = {}): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-home-'));
  homes.push(home);
  const docker = path.join(home, '.docker');
  fs.mkdirSync(docker);
  if (options.currentContext) {
    fs.writeFileSync(path.join(docker, 'config.json'), JSON.stringify({ currentContext: options.currentContext }));
  }
  for (const [name, context] of Object.entries(options.contexts ?? {})) {
    const meta = path.join(docker, 'contexts', 'meta', contextDigest(name));
    fs.mkdirSync(meta, { recursive: true });
    fs.writeFileSync(
      path.join(meta, 'meta.json'),
      JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: context.host, SkipTLSVerify: context.skipVerify ?? false } } }),
    );
    if (context.tls) {
      const tls = path.join(docker, 'contexts', 'tls', contextDigest(name), 'docker');
      fs.mkdirSync(tls, { recursive: true });
      for (const file of ['ca.pem', 'cert.pem', 'key.pem']) {
        fs.writeFileSync(path.join(tls, file), `${file} of ${name}`);
      }
    }
  }
  return home;
}

test('the context digest is the sha256 of the name, as Docker stores it', () => {
  assert.equal(contextDigest('default'), '37a8eec1ce19687d132fe29051dca629d164e2c4958ba141d5f4133a33f0688f');
});

const precedence: Array<{ title: string; setting: string; env: NodeJS.ProcessEnv; home: () => string; host: string; source: string; context: string }> = [
  {
    title: 'the setting wins over everything',
    setting: 'tcp://setting:2375',
    env: { DOCKER_HOST: 'tcp://env:2375', DOCKER_CONTEXT: 'remote' },
    home: () => makeHome({ currentContext: 'remote', contexts: { remote: { host: 'tcp://ctx:2375' } } }),
    host: 'tcp://setting:2375',
    source: 'setting',
    context: 'default',
  },
  {
    title: 'DOCKER_HOST wins over DOCKER_CONTEXT and currentContext',
    setting: '',
    env: { DOCKER_HOST: 'unix:///run/user/1000/docker.sock', DOCKER_CONTEXT: 'remote' },
    home: () => makeHome({ currentContext: 'remote', contexts: { remote: { host: 'tcp://ctx:2375' } } }),
    host: 'unix:///run/user/1000/docker.sock',
    source: 'DOCKER_HOST',
    context: 'default',
  },
  {
    title: 'DOCKER_CONTEXT wins over currentContext',
    setting: '',
    env: { DOCKER_CONTEXT: 'second' },
    home: () => makeHome({ currentContext: 'first', contexts: { first: { host: 'tcp://first:2375' }, second: { host: 'ssh://me@second' } } }),
    host: 'ssh://me@second',
    source: 'context',
    context: 'second',
  },
  {
    title: 'currentContext of config.json with its meta.json',
    setting: '',
    env: {},
    home: () => makeHome({ currentContext: 'first', contexts: { first: { host: 'tcp://first:2375' } } }),
    host: 'tcp://first:2375',
    source: 'context',
    context: 'first',
  },
  {
    title: 'the "default" context is the default socket',
    setting: '',
    env: { DOCKER_CONTEXT: 'default' },
    home: () => makeHome(),
    host: 'unix:///var/run/docker.sock',
    source: 'default',
    context: 'default',
  },
  {
    title: 'nothing set: the default socket',
    setting: '',
    env: {},
    home: () => makeHome(),
    host: 'unix:///var/run/docker.sock',
    source: 'default',
    context: 'default',
  },
];

for (const row of precedence) {
  test(`endpoint resolution: ${row.title}`, () => {
    const endpoint = resolveEndpoint({ setting: row.setting, env: row.env, home: row.home(), platform: 'linux' });
    assert.equal(endpoint.host, row.host);
    assert.equal(endpoint.source, row.source);
    assert.equal(endpoint.contextName, row.context);
  });
}

test('DOCKER_CONFIG moves the configuration folder', () => {
  const home = makeHome({ currentContext: 'moved', contexts: { moved: { host: 'tcp://moved:2375' } } });
  const endpoint = resolveEndpoint({ setting: '', env: { DOCKER_CONFIG: path.join(home, '.docker') }, home: os.tmpdir(), platform: 'linux' });
  assert.equal(endpoint.host, 'tcp://moved:2375');
});

test('a missing context is a clear error naming it', () => {
  assert.throws(() => resolveEndpoint({ setting: '', env: { DOCKER_CONTEXT: 'nowhere' }, home: makeHome(), platform: 'linux' }), /Docker context "nowhere" not found/);
});

test('a broken config.json is a clear error naming the file', () => {
  const home = makeHome();
  fs.writeFileSync(path.join(home, '.docker', 'config.json'), '{ not json');
  assert.throws(() => resolveEndpoint({ setting: '', env: {}, home, platform: 'linux' }), /config\.json is not valid JSON/);
});

test('Docker Desktop per-user socket is used when present', () => {
  const home = makeHome();
  fs.mkdirSync(path.join(home, '.docker', 'run'));
  fs.writeFileSync(path.join(home, '.docker', 'run', 'docker.sock'), '');
  assert.equal(resolveEndpoint({ setting: '', env: {}, home, platform: 'linux' }).host, `unix://${path.join(home, '.docker', 'run', 'docker.sock')}`);
});

test('TLS from DOCKER_CERT_PATH and DOCKER_TLS_VERIFY: files loaded, verification on', () => {
  const certs = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-certs-'));
  homes.push(certs);
  for (const file of ['ca.pem', 'cert.pem', 'key.pem']) {
    fs.writeFileSync(path.join(certs, file), file);
  }
  const endpoint = resolveEndpoint({ setting: '', env: { DOCKER_HOST: 'tcp://remote:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs }, home: makeHome(), platform: 'linux' });
  assert.deepEqual(endpoint.tls, { certDir: certs, verify: true });
  const options = dockerOptionsFor(endpoint, {});
  assert.equal(options.protocol, 'https');
  assert.equal(options.host, 'remote');
  assert.equal(String(options.port), '2376');
  assert.equal(String(options.ca), 'ca.pem');
  assert.equal(String(options.cert), 'cert.pem');
  assert.equal(String(options.key), 'key.pem');
  assert.equal((options as { agent?: unknown }).agent, undefined, 'no agent that would skip verification');
});

test('DOCKER_TLS_VERIFY as the Docker CLI reads it: any non-empty value, 0 and false too, means TLS with verification', () => {
  const home = makeHome();
  const resolve = (env: NodeJS.ProcessEnv) => resolveEndpoint({ setting: 'tcp://h:2375', env, home, platform: 'linux' });
  assert.equal(resolveEndpoint({ setting: 'tcp://h:2376', env: {}, home, platform: 'linux' }).tls?.verify, true);
  assert.equal(resolve({ DOCKER_TLS: '1' }).tls?.verify, true, 'DOCKER_TLS alone: TLS, verified (the CLI would not verify)');
  for (const value of ['1', 'true', '0', 'false', 'no', 'FALSE']) {
    const endpoint = resolve({ DOCKER_TLS_VERIFY: value });
    assert.equal(endpoint.tls?.verify, true, `DOCKER_TLS_VERIFY=${value} verifies`);
    assert.equal(dockerOptionsFor(endpoint, {}).protocol, 'https', `DOCKER_TLS_VERIFY=${value} speaks TLS`);
    assert.equal((dockerOptionsFor(endpoint, {}) as { agent?: unknown }).agent, undefined, `DOCKER_TLS_VERIFY=${value}: no agent that skips verification`);
    assert.equal(resolve({ DOCKER_TLS: '1', DOCKER_TLS_VERIFY: value }).tls?.verify, true);
  }
  assert.equal(resolve({ DOCKER_TLS_VERIFY: '' }).tls, undefined, 'an empty value is unset: plain tcp on 2375');
  assert.equal(resolve({}).tls, undefined, 'plain tcp on 2375');
});

test("a context's TLS material and SkipTLSVerify", () => {
  const home = makeHome({ currentContext: 'secure', contexts: { secure: { host: 'tcp://secure:2376', tls: true }, loose: { host: 'tcp://loose:2376', skipVerify: true } } });
  const secure = resolveEndpoint({ setting: '', env: {}, home, platform: 'linux' });
  assert.equal(secure.tls?.verify, true);
  assert.equal(String(dockerOptionsFor(secure, {}).ca), 'ca.pem of secure');
  const loose = resolveEndpoint({ setting: '', env: { DOCKER_CONTEXT: 'loose' }, home, platform: 'linux' });
  assert.equal(loose.tls?.verify, false);
  const agent = (dockerOptionsFor(loose, {}) as { agent?: { options: { rejectUnauthorized?: boolean }; keepAlive: boolean } }).agent;
  assert.equal(agent?.options.rejectUnauthorized, false, 'an agent carries rejectUnauthorized: false');
  assert.equal(agent?.keepAlive, true, 'and keeps its connections, so each request is not a new TLS handshake');
});

test('a context with SkipTLSVerify speaks TLS without verification on any port, as the Docker CLI does', () => {
  const home = makeHome({ contexts: { lab: { host: 'tcp://lab:2375', skipVerify: true }, plain: { host: 'tcp://plain:2375' } } });
  const lab = resolveEndpoint({ setting: '', env: { DOCKER_CONTEXT: 'lab' }, home, platform: 'linux' });
  assert.deepEqual(lab.tls, { certDir: undefined, verify: false });
  assert.equal(dockerOptionsFor(lab, {}).protocol, 'https');
  const plain = resolveEndpoint({ setting: '', env: { DOCKER_CONTEXT: 'plain' }, home, platform: 'linux' });
  assert.equal(plain.tls, undefined, 'no TLS material, no SkipTLSVerify, port 2375: plain tcp');
});

test('ssh:// goes through docker-modem with the user, port and SSH agent', () => {
  const options = dockerOptionsFor({ host: 'ssh://deploy@build.example:2222', source: 'setting', contextName: 'default' }, { SSH_AUTH_SOCK: '/agent.sock' });
  assert.equal(options.protocol, 'ssh');
  assert.equal(options.host, 'build.example');
  assert.equal(String(options.port), '2222');
  assert.equal(options.username, 'deploy');
  assert.deepEqual(options.sshOptions, { agent: '/agent.sock' });
});

test('a resolved unix socket is not overridden by DOCKER_HOST inside docker-modem', () => {
  const saved = process.env.DOCKER_HOST;
  process.env.DOCKER_HOST = 'tcp://elsewhere:2375';
  try {
    const docker = new Docker(dockerOptionsFor({ host: 'unix:///run/user/1000/dockside-example.sock', source: 'setting', contextName: 'default' }));
    const modem = docker.modem as unknown as { socketPath?: string; host?: string };
    assert.equal(modem.socketPath, '/run/user/1000/dockside-example.sock');
    assert.equal(modem.host, undefined);
  } finally {
    if (saved === undefined) {
      delete process.env.DOCKER_HOST;
    } else {
      process.env.DOCKER_HOST = saved;
    }
  }
});

test('a bad address is a clear error', () => {
  assert.throws(() => dockerOptionsFor({ host: 'ftp://nope', source: 'setting', contextName: 'default' }), /Unsupported Docker Engine address "ftp:\/\/nope"/);
});

test('describeEndpoint says where the endpoint came from', () => {
  assert.equal(describeEndpoint({ host: 'unix:///var/run/docker.sock', source: 'default', contextName: 'default' }), '/var/run/docker.sock');
  assert.equal(describeEndpoint({ host: 'tcp://a:1', source: 'context', contextName: 'prod' }), 'tcp://a:1 (context prod)');
});
