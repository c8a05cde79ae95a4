import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import type Docker from 'dockerode';
import { EngineEventHub, TaggedEngineEvent } from '../../src/engine/eventHub';
import { ContextStore } from '../../src/engines/contexts/contextStore';
import { Engines } from '../../src/engines/engines';
import { ExplorerModel } from '../../src/explorer/model';
import { ContainerLogsTerminal } from '../../src/logs/logsTerminal';
import { engineSocketPath, ensureEngine, ensureTestImage, TEST_IMAGE, testLabels } from '../support/engine';
import { OwnDockerd } from '../support/ownDockerd';
import { TerminalProbe } from '../support/terminalProbe';
import { waitFor } from '../support/waitFor';

const unavailable = OwnDockerd.available();
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-every-engine-'));
let dockerd: OwnDockerd | undefined;
let engines: Engines | undefined;
let hub: EngineEventHub | undefined;
const created: Array<{ docker: Docker; id: string }> = [];

after(async () => {
  hub?.dispose();
  engines?.dispose();
  for (const { docker, id } of created) {
    await docker.getContainer(id).remove({ force: true }).catch(() => undefined);
  }
  await dockerd?.dispose();
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** Each start prints the lines of one generation (a counter kept in the container's file system), then waits. */
const GENERATIONS = 'n=$(cat /gen 2>/dev/null || echo 0); n=$((n+1)); echo $n > /gen; echo gen$n; sleep 300';

async function runContainer(docker: Docker, name: string): Promise<string> {
  const container = await docker.createContainer({ name, Image: TEST_IMAGE, Cmd: ['sh', '-c', GENERATIONS], Labels: { ...testLabels }, HostConfig: { NetworkMode: 'none' } });
  created.push({ docker, id: container.id });
  await container.start();
  return container.id;
}

test("a second engine's container restarts: its events reach a feature listening through the hub, tagged with that engine, and its log terminal follows", { skip: unavailable, timeout: 240_000 }, async () => {
  const local = await ensureEngine();
  dockerd = new OwnDockerd();
  await dockerd.start();
  const remote = dockerd.client();
  await ensureTestImage(remote);

  const configDir = path.join(scratch, 'docker-config');
  engines = new Engines({ settings: () => [{ name: 'second', host: (dockerd as OwnDockerd).host }], onSyncError: () => undefined, env: { DOCKER_CONFIG: configDir }, store: new ContextStore(configDir) });
  // As the extension wires it: the hub follows the set, so an engine connecting brings its event stream.
  hub = new EngineEventHub();
  hub.follow(engines.set);
  const primary = engines.connectPrimary(`unix://${engineSocketPath(local)}`, new ExplorerModel());
  await primary.start();
  const primaryKey = engines.set.primary?.key as string;
  const row = engines.rows().find((candidate) => candidate.entry.id === 'setting:second');
  assert.ok(row?.entry.endpoint, row?.entry.problem);
  const second = await engines.connect(row.entry);
  assert.equal(second.model.state.kind, 'connected', JSON.stringify(second.model.state));
  assert.notEqual(second.key, primaryKey);

  // Features listening through the hub: one for the second engine, one for the current engine.
  const ofSecond: TaggedEngineEvent[] = [];
  const ofCurrent: TaggedEngineEvent[] = [];
  hub.onContainerEvent((event) => ofSecond.push(event), second.key);
  hub.onContainerEvent((event) => ofCurrent.push(event), () => engines?.set.primary?.key);

  // The same name on both engines: only the engine tells them apart.
  const name = `dockside-every-engine-${process.pid}-${Date.now()}`;
  const localId = await runContainer(local, name);
  const remoteId = await runContainer(remote, name);
  await waitFor(() => ofSecond.map((event) => `${event.Action} ${event.Actor?.ID}`), (seen) => seen.includes(`start ${remoteId}`), "the second engine's start");

  const terminal = new ContainerLogsTerminal(second.connection.docker, remoteId, { tail: 'all', showTimestamps: false });
  const probe = new TerminalProbe(terminal);
  terminal.open(undefined);
  try {
    await probe.waitFor((plain) => plain.includes('gen1'), 'the first run in the log terminal');
    const container = remote.getContainer(remoteId);
    await container.restart({ t: 0 });
    await waitFor(() => ofSecond.map((event) => `${event.Action} ${event.Actor?.ID}`), (seen) => seen.includes(`restart ${remoteId}`), "the second engine's restart");
    await probe.waitFor((plain) => plain.includes('gen2'), 'the run after the restart in the log terminal');
    await container.stop({ t: 0 });
    await probe.waitFor((plain) => plain.includes('Waiting for it to start again'), 'the stopped notice');
    await container.start();
    await probe.waitFor((plain) => plain.includes('gen3'), 'the run after stop and start in the log terminal');
    await waitFor(() => ofSecond.filter((event) => event.Action === 'start' && event.Actor?.ID === remoteId).length, (starts) => starts === 3, 'the start after the stop (a restart is a start too)');
  } finally {
    terminal.close();
  }
  assert.deepEqual(
    probe.plain.split('\n').filter((line) => /^gen\d$/.test(line)),
    ['gen1', 'gen2', 'gen3'],
    'each run once in the log terminal',
  );
  assert.ok(ofSecond.every((event) => event.engine === second.key && event.Actor?.ID !== localId), 'every event the second engine’s listener got is the second engine’s');
  assert.ok(ofCurrent.every((event) => event.engine === primaryKey && event.Actor?.ID !== remoteId), 'the current engine’s listener got none of the second engine’s');

  // The current engine's container of the same name restarts: its listener hears it, the second's does not.
  await local.getContainer(localId).restart({ t: 0 });
  await waitFor(() => ofCurrent.map((event) => `${event.Action} ${event.Actor?.ID}`), (seen) => seen.includes(`restart ${localId}`), "the current engine's restart");
  assert.ok(!ofSecond.some((event) => event.Actor?.ID === localId));

  // Disconnected: its events no longer reach the hub.
  engines.disconnect(second.key);
  const heard = ofSecond.length;
  for (const { docker, id } of created.filter((entry) => entry.docker === remote)) {
    await docker.getContainer(id).remove({ force: true });
  }
  // The same removal seen by a stream of the test's own is what the hub would have carried.
  const events = await remote.getEvents({ since: Math.floor(Date.now() / 1000) - 60, until: Math.floor(Date.now() / 1000) + 1, filters: { container: [remoteId], event: ['destroy'] } } as Parameters<Docker['getEvents']>[0]);
  const text = await new Promise<string>((resolve) => {
    let all = '';
    events.on('data', (chunk: Buffer) => (all += chunk.toString()));
    events.on('end', () => resolve(all));
  });
  assert.match(text, /"destroy"/, 'the engine did report the removal');
  assert.equal(ofSecond.length, heard, 'a disconnected engine’s events reach no feature');
});
