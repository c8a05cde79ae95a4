import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { configWithCurrentContext, contextDigest, contextNameProblem } from '../../src/engines/contexts/contextFormat';
import { ContextStore } from '../../src/engines/contexts/contextStore';
import { makeTlsMaterial } from '../support/tlsCerts';

const folders: string[] = [];
after(() => folders.forEach((folder) => fs.rmSync(folder, { recursive: true, force: true })));

function tempFolder(prefix: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  folders.push(folder);
  return folder;
}

/** The Docker CLI, the oracle of the store's format; absent on some machines. */
const cli = ['/usr/local/bin/docker', '/usr/bin/docker'].find((candidate) => fs.existsSync(candidate));
const noCli = cli ? false : 'the Docker CLI is not installed';

function docker(configDir: string, ...args: string[]): string {
  // DOCKER_HOST and DOCKER_CONTEXT would override what the store says; the CLI must see only the folder.
  const env = { PATH: process.env.PATH ?? '', HOME: configDir, DOCKER_CONFIG: configDir };
  const result = spawnSync(cli as string, args, { env, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`docker ${args.join(' ')}: ${result.stderr}`);
  }
  return result.stdout;
}

/** Every file under a folder, relative path → bytes and mode. */
function snapshot(folder: string): Map<string, { content: string; mode: number }> {
  const files = new Map<string, { content: string; mode: number }>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const stat = fs.statSync(full);
      if (entry.isDirectory()) {
        files.set(`${path.relative(folder, full)}/`, { content: '', mode: stat.mode & 0o777 });
        walk(full);
      } else {
        files.set(path.relative(folder, full), { content: fs.readFileSync(full, 'latin1'), mode: stat.mode & 0o777 });
      }
    }
  };
  walk(folder);
  return files;
}

/** A client's ca.pem, cert.pem and key.pem (the CLI checks they parse). */
function tlsMaterial(): string {
  return makeTlsMaterial(tempFolder('dockside-tls-')).clientFolder;
}

test('contexts created by Dockside are byte-for-byte those the Docker CLI creates', { skip: noCli }, () => {
  const byCli = tempFolder('dockside-cli-');
  const byUs = tempFolder('dockside-ours-');
  const tls = tlsMaterial();
  docker(byCli, 'context', 'create', 'remote-tls', '--description', 'build box', '--docker', `host=tcp://127.0.0.1:2376,ca=${tls}/ca.pem,cert=${tls}/cert.pem,key=${tls}/key.pem`);
  docker(byCli, 'context', 'create', 'over-ssh', '--docker', 'host=ssh://root@127.0.0.1:2222');
  docker(byCli, 'context', 'create', 'local.sock', '--docker', 'host=unix:///run/other/docker.sock,skip-tls-verify=true');
  const store = new ContextStore(byUs);
  store.create({ name: 'remote-tls', description: 'build box', host: 'tcp://127.0.0.1:2376', tlsFolder: tls });
  store.create({ name: 'over-ssh', host: 'ssh://root@127.0.0.1:2222' });
  store.create({ name: 'local.sock', host: 'unix:///run/other/docker.sock', skipTlsVerify: true });
  const ours = snapshot(byUs);
  const theirs = snapshot(byCli);
  assert.deepEqual([...ours.keys()].sort(), [...theirs.keys()].sort());
  for (const [file, expected] of theirs) {
    assert.deepEqual(ours.get(file), expected, file);
  }
});

test('contexts the CLI created are listed with their host, description and TLS folder', { skip: noCli }, () => {
  const configDir = tempFolder('dockside-cli-');
  const tls = tlsMaterial();
  docker(configDir, 'context', 'create', 'remote-tls', '--description', 'build box', '--docker', `host=tcp://127.0.0.1:2376,ca=${tls}/ca.pem`);
  docker(configDir, 'context', 'create', 'over-ssh', '--docker', 'host=ssh://root@127.0.0.1:2222');
  const listed = new ContextStore(configDir).list();
  assert.deepEqual(
    listed.map(({ name, description, host, skipTlsVerify }) => ({ name, description, host, skipTlsVerify })),
    [
      { name: 'over-ssh', description: '', host: 'ssh://root@127.0.0.1:2222', skipTlsVerify: false },
      { name: 'remote-tls', description: 'build box', host: 'tcp://127.0.0.1:2376', skipTlsVerify: false },
    ],
  );
  assert.equal(listed[0]?.tlsFolder, undefined);
  assert.equal(fs.readFileSync(path.join(listed[1]?.tlsFolder ?? '', 'ca.pem'), 'utf8'), fs.readFileSync(path.join(tls, 'ca.pem'), 'utf8'));
});

test('use writes the currentContext the CLI writes, and the CLI reads ours back', { skip: noCli }, () => {
  const byCli = tempFolder('dockside-cli-');
  const byUs = tempFolder('dockside-ours-');
  for (const folder of [byCli, byUs]) {
    fs.writeFileSync(path.join(folder, 'config.json'), '{\n  "auths": {"127.0.0.1:5000": {"auth": "dTpw"}},\n  "psFormat": "table {{.Names}}"\n}\n');
    docker(folder, 'context', 'create', 'other', '--docker', 'host=unix:///run/other.sock');
  }
  docker(byCli, 'context', 'use', 'other');
  new ContextStore(byUs).use('other');
  assert.equal(fs.readFileSync(path.join(byUs, 'config.json'), 'utf8'), fs.readFileSync(path.join(byCli, 'config.json'), 'utf8'));
  assert.equal(docker(byUs, 'context', 'show').trim(), 'other');
  assert.equal(new ContextStore(byCli).current(), 'other');

  docker(byCli, 'context', 'use', 'default');
  new ContextStore(byUs).use('default');
  assert.equal(fs.readFileSync(path.join(byUs, 'config.json'), 'utf8'), fs.readFileSync(path.join(byCli, 'config.json'), 'utf8'));
  assert.equal(docker(byUs, 'context', 'show').trim(), 'default');
});

test('remove deletes what the CLI created, and the CLI no longer lists it', { skip: noCli }, () => {
  const configDir = tempFolder('dockside-cli-');
  const tls = tlsMaterial();
  docker(configDir, 'context', 'create', 'gone', '--docker', `host=tcp://127.0.0.1:2376,ca=${tls}/ca.pem,cert=${tls}/cert.pem,key=${tls}/key.pem`);
  docker(configDir, 'context', 'create', 'kept', '--docker', 'host=unix:///run/kept.sock');
  new ContextStore(configDir).remove('gone');
  assert.deepEqual(
    docker(configDir, 'context', 'ls', '--format', '{{.Name}}').trim().split('\n'),
    ['default', 'kept'],
  );
  assert.equal(fs.existsSync(path.join(configDir, 'contexts', 'tls', contextDigest('gone'))), false);
  assert.equal(fs.existsSync(path.join(configDir, 'contexts', 'meta', contextDigest('gone'))), false);
});

test('remove refuses the current context as the CLI does, and default; nothing is lost', () => {
  const configDir = tempFolder('dockside-ours-');
  const store = new ContextStore(configDir);
  store.create({ name: 'busy', host: 'unix:///run/busy.sock' });
  store.use('busy');
  assert.throws(() => store.remove('busy'), /in use/);
  assert.throws(() => store.remove('default'), /cannot be removed/);
  assert.throws(() => store.remove('absent'), /No context named "absent"/);
  assert.equal(store.get('busy')?.host, 'unix:///run/busy.sock');
  assert.equal(store.current(), 'busy');
  if (cli) {
    assert.match(spawnSync(cli, ['context', 'rm', 'busy'], { env: { PATH: process.env.PATH ?? '', DOCKER_CONFIG: configDir }, encoding: 'utf8' }).stderr, /in use/);
  }
  assert.equal(store.current({ DOCKER_CONTEXT: 'other' }), 'other');
});

test('use keeps every other key of config.json, unknown ones too, with their values and order', () => {
  const text = '{"zeta":{"b":1,"a":[1,2.5,"x"]},"auths":{"r":{"auth":"dTpw"}},"currentContext":"old","credsStore":"pass"}';
  const next = configWithCurrentContext(text, 'new');
  assert.deepEqual(Object.keys(JSON.parse(next)), ['zeta', 'auths', 'currentContext', 'credsStore']);
  assert.deepEqual(JSON.parse(next), { ...JSON.parse(text), currentContext: 'new' });
  assert.deepEqual(JSON.parse(configWithCurrentContext(next, 'default')), { zeta: { b: 1, a: [1, 2.5, 'x'] }, auths: { r: { auth: 'dTpw' } }, credsStore: 'pass' });
  assert.equal(configWithCurrentContext(undefined, 'a1'), '{\n\t"currentContext": "a1"\n}');
  assert.throws(() => configWithCurrentContext('{"auths": ', 'a1'), /not valid JSON/);
});

test('a broken config.json is refused on use and left as it was', () => {
  const configDir = tempFolder('dockside-ours-');
  const store = new ContextStore(configDir);
  store.create({ name: 'other', host: 'unix:///run/other.sock' });
  fs.writeFileSync(path.join(configDir, 'config.json'), '{"auths": {');
  assert.throws(() => store.use('other'), /config\.json is not valid JSON/);
  assert.equal(fs.readFileSync(path.join(configDir, 'config.json'), 'utf8'), '{"auths": {');
});

test('names are checked as the CLI checks them, and a taken name or empty TLS folder is refused', () => {
  assert.equal(contextNameProblem('ok-name_1.2+3'), undefined);
  for (const bad of ['', 'default', 'a', '-lead', 'with space', 'slash/name']) {
    assert.ok(contextNameProblem(bad), bad);
  }
  const configDir = tempFolder('dockside-ours-');
  const store = new ContextStore(configDir);
  store.create({ name: 'taken', host: 'unix:///run/a.sock' });
  assert.throws(() => store.create({ name: 'taken', host: 'unix:///run/b.sock' }), /already exists/);
  assert.equal(store.get('taken')?.host, 'unix:///run/a.sock');
  assert.throws(() => store.create({ name: 'notls', host: 'tcp://127.0.0.1:2376', tlsFolder: tempFolder('dockside-empty-') }), /none of ca\.pem/);
  assert.equal(store.get('notls'), undefined);
  if (cli) {
    for (const bad of ['a', '-lead', 'with space']) {
      const result = spawnSync(cli, ['context', 'create', bad, '--docker', 'host=unix:///x.sock'], { env: { PATH: process.env.PATH ?? '', DOCKER_CONFIG: configDir }, encoding: 'utf8' });
      assert.notEqual(result.status, 0, `the CLI refuses ${bad} too`);
    }
  }
});

test('a context with a broken meta.json is listed with the reason, the others still are', () => {
  const configDir = tempFolder('dockside-ours-');
  const store = new ContextStore(configDir);
  store.create({ name: 'good', host: 'unix:///run/good.sock' });
  const broken = path.join(configDir, 'contexts', 'meta', contextDigest('bad'));
  fs.mkdirSync(broken, { recursive: true });
  fs.writeFileSync(path.join(broken, 'meta.json'), '{"Name": ');
  const listed = store.list();
  assert.equal(listed.find((context) => context.name === 'good')?.host, 'unix:///run/good.sock');
  assert.match(listed.find((context) => context.error)?.error ?? '', /not valid JSON/);
});
