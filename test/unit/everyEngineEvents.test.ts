import assert from 'node:assert/strict';
import { test } from 'node:test';
import type Docker from 'dockerode';
import { EngineEventHub, engineResourceKey, TaggedEngineEvent } from '../../src/engine/eventHub';
import type { EngineEvent } from '../../src/engine/events';
import { PerEngine } from '../../src/engines/perEngine';
import { Emitter } from '../../src/explorer/emitter';
import { EngineState, ExplorerModel } from '../../src/explorer/model';
import { ConnectedEnginesSource } from '../../src/swarm/connectedEngines';

/** A stand-in for one engine connection: its event stream is an emitter the test fires. */
class FakeConnection {
  readonly stream = new Emitter<EngineEvent>();
  readonly docker = {} as Docker;
  onEvent = this.stream.event;
}

interface FakeEngine {
  key: string;
  label: string;
  primary: boolean;
  model: ExplorerModel;
  connection: FakeConnection;
}

/** The engine set as followers see it: a list that the test changes, and its change event. */
class FakeSet {
  entries: FakeEngine[] = [];
  readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;

  list(): FakeEngine[] {
    return this.entries;
  }

  connect(key: string, primary = false): FakeEngine {
    const engine = { key, label: key, primary, model: new ExplorerModel(), connection: new FakeConnection() };
    this.entries = [...this.entries.filter((entry) => entry.key !== key), engine];
    this.changed.fire();
    return engine;
  }

  disconnect(key: string): void {
    this.entries = this.entries.filter((entry) => entry.key !== key);
    this.changed.fire();
  }
}

const event = (Type: string, Action: string, ID = 'c1'): EngineEvent => ({ Type, Action, Actor: { ID }, time: 0, timeNano: 0 });
const connected = (endpoint: string): EngineState => ({ kind: 'connected', endpoint, contextName: 'default', version: '28.0.0', apiVersion: '1.48' });

test('the hub carries every connected engine’s events, each tagged with its engine; each listener gets the engine it asks for', () => {
  const set = new FakeSet();
  const hub = new EngineEventHub();
  hub.follow(set);
  const local = set.connect('unix:///var/run/docker.sock', true);
  const remote = set.connect('tcp://127.0.0.1:2376');
  const all: string[] = [];
  const ofRemote: string[] = [];
  const ofCurrent: string[] = [];
  hub.onEvent((e) => all.push(`${e.engine} ${e.Type} ${e.Action}`));
  hub.onContainerEvent((e) => ofRemote.push(`${e.Action} ${e.Actor?.ID}`), remote.key);
  hub.onContainerEvent((e) => ofCurrent.push(`${e.Action} ${e.Actor?.ID}`), () => set.entries.find((entry) => entry.primary)?.key);

  local.connection.stream.fire(event('container', 'start'));
  remote.connection.stream.fire(event('container', 'restart'));
  remote.connection.stream.fire(event('image', 'pull', 'sha256:i'));
  assert.deepEqual(all, ['unix:///var/run/docker.sock container start', 'tcp://127.0.0.1:2376 container restart', 'tcp://127.0.0.1:2376 image pull']);
  assert.deepEqual(ofRemote, ['restart c1'], "the same container id on the current engine is not the remote one's");
  assert.deepEqual(ofCurrent, ['start c1']);

  // Disconnecting detaches the engine's stream; connecting again attaches the new connection's, not the old one's.
  set.disconnect(remote.key);
  remote.connection.stream.fire(event('container', 'die'));
  assert.equal(remote.connection.stream.size, 0, 'nothing listens to a disconnected engine');
  const again = set.connect(remote.key);
  remote.connection.stream.fire(event('container', 'stale'));
  again.connection.stream.fire(event('container', 'start', 'c2'));
  assert.deepEqual(ofRemote, ['restart c1', 'start c2']);

  hub.dispose();
  local.connection.stream.fire(event('container', 'after-dispose'));
  assert.equal(all.at(-1), 'tcp://127.0.0.1:2376 container start');
  assert.equal(local.connection.stream.size, 0);
});

test('the current engine’s listeners follow the current engine when it changes', () => {
  const set = new FakeSet();
  const hub = new EngineEventHub();
  hub.follow(set);
  const first = set.connect('unix:///a.sock', true);
  const second = set.connect('unix:///b.sock');
  const seen: string[] = [];
  hub.onImageEvent((e) => seen.push(`${e.engine} ${e.Action}`), () => set.entries.find((entry) => entry.primary)?.key);
  first.connection.stream.fire(event('image', 'tag'));
  second.connection.stream.fire(event('image', 'pull'));
  first.primary = false;
  second.primary = true;
  first.connection.stream.fire(event('image', 'delete'));
  second.connection.stream.fire(event('image', 'untag'));
  assert.deepEqual(seen, ['unix:///a.sock tag', 'unix:///b.sock untag']);
  hub.dispose();
});

test('one thing per connected engine: made on connect, disposed on disconnect or replacement, all on dispose', () => {
  const set = new FakeSet();
  set.connect('a');
  const log: string[] = [];
  const follow = new PerEngine(set, (engine) => {
    log.push(`+${engine.key}`);
    return { dispose: () => log.push(`-${engine.key}`) };
  });
  set.connect('b');
  set.changed.fire(); // facts changed: nothing to redo
  set.connect('a'); // reconnected to the same endpoint: a new entry
  set.disconnect('b');
  assert.deepEqual(follow.keys, ['a']);
  follow.dispose();
  set.connect('c');
  assert.deepEqual(log, ['+a', '+b', '-a', '+a', '-b', '-a']);
});

test('a resource is keyed by engine and id: the same id on two engines is two resources', () => {
  const keys = new Set([engineResourceKey('unix:///a.sock', 'sha256:x'), engineResourceKey('tcp://127.0.0.1:2376', 'sha256:x'), engineResourceKey('unix:///a.sock', 'sha256:x')]);
  assert.equal(keys.size, 2);
});

test('the Swarm view’s engines: every connected engine that answers, each with only its own events', () => {
  const set = new FakeSet();
  const hub = new EngineEventHub();
  hub.follow(set);
  const local = set.connect('unix:///a.sock', true);
  const remote = set.connect('tcp://127.0.0.1:2376');
  const source = new ConnectedEnginesSource(set, (key) => hub.ofEngine(key));
  let changes = 0;
  source.onDidChange(() => changes++);
  assert.deepEqual(source.engines(), [], 'nothing answers yet');

  local.model.setState(connected('/a.sock'));
  remote.model.setState(connected('127.0.0.1:2376'));
  assert.deepEqual(
    source.engines().map((engine) => engine.key),
    [local.key, remote.key],
  );
  assert.equal(changes, 2);
  set.changed.fire();
  assert.equal(changes, 2, 'the same engines listed: no rebuild');

  const seen: string[] = [];
  const remoteEngine = source.engines().find((engine) => engine.key === remote.key);
  remoteEngine?.onEvent((e) => seen.push(`${(e as TaggedEngineEvent).engine} ${e.Type} ${e.Action}`));
  local.connection.stream.fire(event('service', 'update', 's1'));
  remote.connection.stream.fire(event('service', 'create', 's1'));
  assert.deepEqual(seen, ['tcp://127.0.0.1:2376 service create']);

  remote.model.setState({ kind: 'unreachable', endpoint: '127.0.0.1:2376', problem: 'notRunning', reason: 'connection refused' });
  assert.deepEqual(
    source.engines().map((engine) => engine.key),
    [local.key],
  );
  assert.equal(changes, 3);
  set.disconnect(local.key);
  assert.deepEqual(source.engines(), []);
  assert.equal(changes, 4);
  source.dispose();
  hub.dispose();
});
