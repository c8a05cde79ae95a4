import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatHistory, layerInstruction } from '../../src/inspect/imageHistory';
import { changeConcerns, inspectPath, parseInspectPath } from '../../src/inspect/inspectUri';
import { statusBarText } from '../../src/views/engineStatusText';

test('inspect documents: a readable path with the engine id in the query, and back', () => {
  const target = { what: 'container' as const, id: 'a1b2c3', name: 'web/1' };
  const { path, query } = inspectPath(target);
  assert.equal(path, '/container/web_1.json');
  assert.deepEqual(parseInspectPath(path, query), { what: 'container', id: 'a1b2c3', name: 'web_1' });
  assert.equal(inspectPath({ what: 'history', id: 'sha256:x', name: 'busybox:1' }).path, '/history/busybox_1.txt');
  assert.equal(parseInspectPath('/plugin/x.json', 'id=1'), undefined);
  // The Swarm objects have documents of their own.
  assert.deepEqual(parseInspectPath('/secret/x.json', 'id=1'), { what: 'secret', id: '1', name: 'x' });
  assert.deepEqual(parseInspectPath(inspectPath({ what: 'service', id: 'abc', name: 'web' }).path, 'id=abc'), { what: 'service', id: 'abc', name: 'web' });
  assert.equal(parseInspectPath('/image/x.json', ''), undefined);
});

test('image history: the instruction behind each layer, sizes and a total', () => {
  assert.equal(layerInstruction('/bin/sh -c #(nop)  CMD ["/bin/sh"]'), 'CMD ["/bin/sh"]');
  assert.equal(layerInstruction('/bin/sh -c apt-get update &&     apt-get install -y curl'), 'RUN apt-get update && apt-get install -y curl');
  const text = formatHistory('app:1', [
    { Id: 'sha256:0123456789abcdef', Created: 1_700_000_000, CreatedBy: '/bin/sh -c #(nop)  CMD ["/bin/sh"]', Size: 0 },
    { Id: '<missing>', Created: 1_699_999_000, CreatedBy: 'COPY busybox /bin/busybox # buildkit', Size: 1_234_567 },
  ]);
  const lines = text.split('\n');
  assert.equal(lines[0], 'History of app:1: 2 layers, 1.2 MB');
  assert.match(lines[3], /^0123456789ab\s+0 B\s+2023-11-14 22:13:20\s+CMD \["\/bin\/sh"\]$/);
  assert.match(lines[4], /^<missing>\s+1\.2 MB\s+.*COPY busybox \/bin\/busybox # buildkit$/);
});

test('status bar: engine version when connected, a retry when unreachable', () => {
  assert.deepEqual(statusBarText({ kind: 'connected', endpoint: '/var/run/docker.sock', contextName: 'default', version: '20.10.24', apiVersion: '1.41' }), {
    text: '$(vm-running) Docker 20.10.24',
    tooltip: 'Docker Engine 20.10.24 (API 1.41), context default, at /var/run/docker.sock',
    retry: false,
  });
  assert.equal(
    statusBarText({ kind: 'connected', endpoint: 'ssh://me@build', contextName: 'build', version: '27.0.1', apiVersion: '1.46' }).text,
    '$(vm-running) build · Docker 27.0.1',
    'a non-default context is named',
  );
  const down = statusBarText({ kind: 'unreachable', endpoint: '/var/run/docker.sock', problem: 'permission', reason: 'Permission denied on the Docker socket' });
  assert.equal(down.retry, true);
  assert.match(down.tooltip, /^Permission denied on the Docker socket\nClick to retry\.$/);
});

test('an open inspect document re-reads on a change to its resource only', () => {
  const container = { what: 'container' as const, id: 'c1', name: 'web' };
  const history = { what: 'history' as const, id: 'sha256:i', name: 'app:1' };
  const patch = (upserted: string[], removed: string[] = []) => ({ kind: 'patch' as const, upserted, removed });
  assert.equal(changeConcerns(container, { resource: 'container', change: patch(['c1']) }), true);
  assert.equal(changeConcerns(container, { resource: 'container', change: patch([], ['c1']) }), true, 'removed: the document says so');
  assert.equal(changeConcerns(container, { resource: 'container', change: patch(['c2']) }), false);
  assert.equal(changeConcerns(container, { resource: 'volume', change: patch(['c1']) }), false);
  assert.equal(changeConcerns(history, { resource: 'image', change: { kind: 'reset' } }), true);
});

test('an inspect document follows its own engine: the same id on another engine leaves it as it is', () => {
  const change = { resource: 'image' as const, change: { kind: 'patch' as const, upserted: ['sha256:same'], removed: [] } };
  const onSecond = { what: 'image' as const, id: 'sha256:same', name: 'busybox', engine: 'tcp://127.0.0.1:2376' };
  const ofCurrent = { what: 'image' as const, id: 'sha256:same', name: 'busybox' };
  const second = { engine: 'tcp://127.0.0.1:2376', primary: false };
  const local = { engine: 'unix:///var/run/docker.sock', primary: true };
  assert.equal(changeConcerns(onSecond, change, second), true, "the second engine's change re-reads its document");
  assert.equal(changeConcerns(onSecond, change, local), false, "the current engine's image of the same id does not");
  assert.equal(changeConcerns(ofCurrent, change, local), true, 'a document of no engine in particular is the current engine’s');
  assert.equal(changeConcerns(ofCurrent, change, second), false);
  assert.equal(changeConcerns({ ...ofCurrent, engine: local.engine }, change, local), true, 'the current engine named by its key');
});

