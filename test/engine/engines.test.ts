import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import Docker from 'dockerode';
import { dockerOptionsFor } from '../../src/engine/dockerOptions';
import { ContextStore } from '../../src/engines/contexts/contextStore';
import { Engines } from '../../src/engines/engines';
import { engineViewRoots } from '../../src/explorer/engineRoots';
import { EngineState, ExplorerModel } from '../../src/explorer/model';
import type { ExplorerNode } from '../../src/explorer/nodes';
import { defaultViewSettings } from '../../src/explorer/views';
import { engineSocketPath, ensureEngine, ensureTestImage, TEST_IMAGE, testLabels } from '../support/engine';
import { freePort } from '../support/freePort';
import { OwnDockerd } from '../support/ownDockerd';
import { SshTunnel, sshConnectConfig } from '../../src/engine/sshTunnel';
import { OwnSshd } from '../support/ownSshd';
import { makeTlsMaterial } from '../support/tlsCerts';
import { waitFor } from '../support/waitFor';

const unavailable = OwnDockerd.available();
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-engines-'));
let dockerd: OwnDockerd | undefined;
let engines: Engines | undefined;
let sshEngines: Engines | undefined;
let sshd: OwnSshd | undefined;
const created: Array<{ docker: Docker; id: string }> = [];

after(async () => {
  engines?.dispose();
  sshEngines?.dispose();
  await sshd?.dispose();
  for (const { docker, id } of created) {
    await docker.getContainer(id).remove({ force: true }).catch(() => undefined);
  }
  await dockerd?.dispose();
  fs.rmSync(scratch, { recursive: true, force: true });
});

const settings = { ...defaultViewSettings, groupBy: 'none' as const };

/** What the Containers view shows: engine node label → the container names under it (or its message). */
function containersView(all: Engines): Record<string, string[]> {
  const roots = engineViewRoots(all.set.list(), 'container', settings);
  return Object.fromEntries(roots.map((root: ExplorerNode) => [root.label, (root.children ?? []).map((child) => child.label)]));
}

async function createContainer(docker: Docker, name: string): Promise<void> {
  const container = await docker.createContainer({ name, Image: TEST_IMAGE, Cmd: ['true'], Labels: { ...testLabels }, HostConfig: { NetworkMode: 'none' } });
  created.push({ docker, id: container.id });
}

test('a TLS engine and the local one connected at once: each shows its containers, one going down never disturbs the other', { skip: unavailable, timeout: 240_000 }, async () => {
  const local = await ensureEngine();
  const material = makeTlsMaterial(path.join(scratch, 'tls'));
  dockerd = new OwnDockerd();
  dockerd.tls = { port: await freePort(), ...material.server };
  await dockerd.start();
  const tcpHost = dockerd.tcpHost as string;
  const remote = new Docker(dockerOptionsFor({ host: tcpHost, source: 'setting', contextName: 'tls', tls: { certDir: material.clientFolder, verify: true } }));
  await ensureTestImage(remote);

  // A context made through the store, exactly as `docker context create` would make it, in a folder of the test's own.
  const configDir = path.join(scratch, 'docker-config');
  engines = new Engines({ settings: () => [], onSyncError: () => undefined, env: { DOCKER_CONFIG: configDir }, store: new ContextStore(configDir) });
  engines.createContext({ name: 'tls-box', host: tcpHost, tlsFolder: material.clientFolder });

  const primary = engines.connectPrimary('', new ExplorerModel());
  await primary.start();
  const localLabel = engines.set.primary?.label as string;
  const row = engines.rows().find((candidate) => candidate.entry.id === 'context:tls-box');
  assert.ok(row?.entry.endpoint?.tls?.verify, 'the context connects with TLS verification');
  const second = await engines.connect(row.entry);
  assert.equal(second.model.state.kind, 'connected', JSON.stringify(second.model.state));
  await waitFor(() => second.facts?.runtime, (runtime) => runtime === 'Docker', 'the facts of the TLS engine');
  assert.equal(second.facts?.swarmRole, 'none');

  const suffix = `${process.pid}-${Date.now()}`;
  await createContainer(local, `dockside-local-${suffix}`);
  await createContainer(remote, `dockside-remote-${suffix}`);
  await waitFor(
    () => containersView(engines as Engines),
    (view) => !!view[localLabel]?.includes(`dockside-local-${suffix}`) && !!view['tls-box']?.includes(`dockside-remote-${suffix}`),
    'each container under its own engine',
  );
  const view = containersView(engines);
  assert.ok(!view[localLabel]?.includes(`dockside-remote-${suffix}`), 'the remote container is not under the local engine');
  assert.deepEqual(view['tls-box'], [`dockside-remote-${suffix}`]);
  const remoteNode = engineViewRoots(engines.set.list(), 'container', settings)[1]?.children?.[0];
  assert.equal(remoteNode?.engine, second.key, 'the node carries its engine key for commands');

  // The TLS engine dies: it says why under its node; the local engine's view keeps updating.
  await dockerd.signal('SIGKILL');
  await waitFor(() => second.model.state.kind, (kind) => kind === 'unreachable', 'the TLS engine unreachable', 30_000);
  await createContainer(local, `dockside-local-during-${suffix}`);
  await waitFor(
    () => containersView(engines as Engines),
    (shown) => !!shown[localLabel]?.includes(`dockside-local-during-${suffix}`),
    'the local view updating while the other engine is down',
  );
  const down = (second.model as ExplorerModel).state as EngineState;
  const reason = down.kind === 'unreachable' ? down.reason : '';
  assert.deepEqual(containersView(engines)['tls-box'], [reason]);
  assert.match(reason, /127\.0\.0\.1|not running|refused/i);
  assert.equal(engines.set.primary?.model.state.kind, 'connected');

  // Back: it recovers by itself, with its container.
  await dockerd.start();
  await waitFor(
    () => containersView(engines as Engines)['tls-box'],
    (names) => !!names?.includes(`dockside-remote-${suffix}`),
    'the TLS engine recovered by itself',
    30_000,
  );
  assert.equal((second.model.state as EngineState).kind, 'connected');

  // Remove what this test made before the engine goes (engines.dispose and the dockerd in `after`).
  for (const { docker, id } of created.splice(0)) {
    await docker.getContainer(id).remove({ force: true });
  }
  engines.disconnect(second.key);
  assert.deepEqual(engines.set.list().map((engine) => engine.key), [engines.set.primary?.key]);
});

test('an ssh engine: one kept ssh connection carries the list, the events and every request', { skip: unavailable ?? OwnSshd.available(), timeout: 120_000 }, async () => {
  const local = await ensureEngine();
  const engineSocket = engineSocketPath(local);
  sshd = new OwnSshd();
  await sshd.start(engineSocket);
  const configDir = path.join(scratch, 'docker-config-ssh');
  const all = new Engines({
    settings: () => [{ name: 'ssh-box', host: (sshd as OwnSshd).address, sshIdentity: (sshd as OwnSshd).identity }],
    onSyncError: () => undefined,
    env: { DOCKER_CONFIG: configDir },
    store: new ContextStore(configDir),
  });
  sshEngines = all;
  const row = all.rows().find((candidate) => candidate.entry.id === 'setting:ssh-box');
  assert.ok(row?.entry.endpoint, row?.entry.problem);
  const engine = await all.connect(row.entry);
  assert.equal(engine.model.state.kind, 'connected', JSON.stringify(engine.model.state));
  await waitFor(() => engine.facts?.runtime, (runtime) => runtime === 'Docker', 'the facts over ssh');

  const name = `dockside-ssh-${process.pid}-${Date.now()}`;
  await createContainer(local, name);
  await waitFor(
    () => engineViewRoots(all.set.list(), 'container', settings).flatMap((node) => node.label),
    (labels) => labels.includes(name),
    'the container, live from the event stream over ssh',
  );
  // The host key is checked against known_hosts: a different recorded key is refused, the right one accepted.
  const home = path.join(scratch, 'ssh-home');
  fs.mkdirSync(path.join(home, '.ssh'), { recursive: true });
  const hostKey = fs.readFileSync(path.join(sshd.dir, 'host_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
  fs.writeFileSync(path.join(home, '.ssh', 'known_hosts'), `[127.0.0.1]:${sshd.port} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJZ8XbZEbV3v1Ad1PXwiJDxAFGbAmgBsLVO8vR2C9t7l\n`);
  const wrong = new SshTunnel(sshConnectConfig(sshd.address, sshd.identity, {}, home));
  await assert.rejects(wrong.openChannel(), /host key of 127\.0\.0\.1:\d+ is not the one known_hosts records/);
  wrong.dispose();
  fs.writeFileSync(path.join(home, '.ssh', 'known_hosts'), `[127.0.0.1]:${sshd.port} ${hostKey}\n`);
  const right = new SshTunnel(sshConnectConfig(sshd.address, sshd.identity, {}, home));
  (await right.openChannel()).destroy();
  right.dispose();
  const loginsBefore = sshd.logins();

  await all.set.get(engine.key)?.connection.refresh();
  await engine.connection.docker.getContainer(created[created.length - 1]!.id).inspect();
  assert.equal(sshd.logins(), loginsBefore, `no new ssh login for a re-list and an inspect:\n${sshd.logText()}`);
  assert.equal(loginsBefore, 2, 'one login for the engine, one for the tunnel with the right host key');
});
