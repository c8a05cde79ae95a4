import assert from 'node:assert/strict';
import { TEST_IMAGE } from '../../support/engine';
import { Journey } from './journey';
import { JourneyResources } from './testResources';

const [testRepository, testTag] = TEST_IMAGE.split(':');

export const explorerView: Journey = {
  title: 'open the Dockside view: containers, a volume and a network created with dockerode appear by name, with their state icons',
  name: 'explorer-view',
  async run(workbench, _e2e, screenshot) {
    const resources = new JourneyResources();
    try {
      const data = await resources.volume('data');
      const backend = await resources.network('backend');
      const web = await resources.container('web', [`${data}:/data`]);
      const worker = await resources.container('worker');
      const migrate = await resources.container('migrate');
      await web.container.start();
      await worker.container.start();
      await worker.container.pause();
      await workbench.openViewContainer('Dockside');
      await workbench.widenSideBar(220);
      // The Swarm view shows only on a swarm manager, Container Changes only on demand.
      assert.deepEqual(await workbench.paneTitles(), ['ENGINES', 'CONTAINERS', 'IMAGES', 'VOLUMES', 'NETWORKS', 'REGISTRIES']);
      const expected = [
        { name: web.name, icon: 'vm-running', status: /^Up / },
        { name: worker.name, icon: 'debug-pause', status: /^Up .*\(Paused\)$/ },
        { name: migrate.name, icon: 'vm-outline', status: /^Created$/ },
      ];
      for (const { name, icon, status } of expected) {
        const row = await workbench.waitForNamedRow('CONTAINERS', name);
        await workbench.waitForRowIcon(row, icon);
        const [image, state] = (await row.locator('.label-description').innerText()).split(' · ');
        assert.equal(image, TEST_IMAGE, `${name} shows its image`);
        assert.match(state, status, `${name} shows its status`);
      }
      const volume = await workbench.waitForNamedRow('VOLUMES', data);
      assert.match(await volume.locator('.label-description').innerText(), new RegExp(`^local · ${web.name}`), 'the volume names the container using it');
      const network = await workbench.waitForNamedRow('NETWORKS', backend);
      assert.match(await network.locator('.label-description').innerText(), /^bridge · local · .*internal$/);
      // Image repositories start collapsed: open the test image's to show its tag.
      await (await workbench.waitForNamedRow('IMAGES', testRepository)).click();
      await workbench.waitForNamedRow('IMAGES', testTag);
      await workbench.parkMouse();
      await workbench.settleSideBar();
      await screenshot();
    } finally {
      await resources.removeAll();
    }
  },
};
