import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import Docker from 'dockerode';
import { dockerOptionsFor } from '../../src/engine/dockerOptions';
import { LiveEngine } from '../../src/engine/liveEngine';
import { ExplorerModel } from '../../src/explorer/model';
import { defaultViewSettings, viewRoots } from '../../src/explorer/views';
import { testLabels } from '../support/engine';
import { OwnDockerd } from '../support/ownDockerd';
import { waitFor } from '../support/waitFor';

const unavailable = OwnDockerd.available();
let dockerd: OwnDockerd | undefined;
let live: LiveEngine | undefined;

after(async () => {
  live?.dispose();
  await dockerd?.dispose();
});

test('stopping dockerd turns the views unreachable; starting it again recovers them without a reload', { skip: unavailable, timeout: 180_000 }, async () => {
  dockerd = new OwnDockerd();
  await dockerd.start();
  const engineDocker = new Docker(dockerOptionsFor({ host: dockerd.host, source: 'setting', contextName: 'default' }));
  const model = new ExplorerModel();
  live = new LiveEngine(engineDocker, model, { endpoint: dockerd.socket, contextName: 'default', initialRetryMs: 100, maxRetryMs: 500, pollMs: 1000 });
  await live.start();
  assert.equal(model.state.kind, 'connected');

  const admin = dockerd.client();
  await admin.createVolume({ Name: 'before-restart', Labels: { ...testLabels } });
  await waitFor(() => viewRoots(model, 'volume', defaultViewSettings).map((node) => node.label), (labels) => labels.includes('before-restart'), 'volume live in the view');

  await dockerd.stop();
  const down = await waitFor(() => model.state, (state) => state.kind === 'unreachable', 'the unreachable state', 20_000);
  assert.equal(down.kind === 'unreachable' && down.problem, 'notRunning');
  assert.match(down.kind === 'unreachable' ? down.reason : '', /not running/);
  assert.deepEqual(viewRoots(model, 'volume', defaultViewSettings), [], 'the views show the welcome content, not stale items');

  await dockerd.start();
  await waitFor(() => model.state.kind, (kind) => kind === 'connected', 'reconnected by itself', 30_000);
  assert.ok(viewRoots(model, 'volume', defaultViewSettings).some((node) => node.label === 'before-restart'), 'the re-list brought the volume back');
  await admin.createVolume({ Name: 'after-restart', Labels: { ...testLabels } });
  await waitFor(() => viewRoots(model, 'volume', defaultViewSettings).map((node) => node.label), (labels) => labels.includes('after-restart'), 'events flow again after the restart');
  await admin.getVolume('before-restart').remove();
  await admin.getVolume('after-restart').remove();
});
