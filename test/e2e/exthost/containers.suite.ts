import assert from 'node:assert/strict';
import { suite, suiteTeardown, test } from 'mocha';
import { activateDockside, Created, engine, TEST_IMAGE, testLabels } from './support';

// The pattern for explorer suites: create labelled resources with dockerode, look for them through
// Dockside, remove exactly what was created. (Once the explorer's providers land, assert on their children.)
suite('containers', () => {
  const created = new Created();
  suiteTeardown(() => created.removeAll());

  test('a labelled container the test creates is seen through the engine client of Dockside', async () => {
    const dockside = await activateDockside();
    const container = created.container(
      await engine().createContainer({
        Image: TEST_IMAGE,
        Cmd: ['sleep', '300'],
        Labels: { ...testLabels },
        HostConfig: { NetworkMode: 'none' },
      }),
    );
    const seen = await dockside.docker.listContainers({ all: true, filters: { label: ['dockside.test=1'], id: [container.id] } });
    assert.deepEqual(
      seen.map((summary) => ({ id: summary.Id, image: summary.Image, state: summary.State })),
      [{ id: container.id, image: TEST_IMAGE, state: 'created' }],
    );
  });
});
