import assert from 'node:assert/strict';
import { Journey } from './journey';
import { engineState, JourneyResources } from './testResources';

export const containerContextMenu: Journey = {
  title: 'right-click a container: Start Container runs it, Stop Container stops it, and its icon follows',
  name: 'container-context-menu',
  async run(workbench, _e2e, screenshot) {
    const resources = new JourneyResources();
    try {
      const { name, container } = await resources.container('api');
      await workbench.openViewContainer('Dockside');
      await workbench.widenSideBar(220);
      const row = await workbench.waitForNamedRow('CONTAINERS', name);
      await workbench.waitForRowIcon(row, 'vm-outline');

      const start = await workbench.openContextMenu(row, 'Start Container');
      assert.ok(!(await workbench.contextMenuItems()).includes('Stop Container'), 'a created container offers no Stop');
      await workbench.chooseMenuItem(start);
      await workbench.waitForRowIcon(row, 'vm-running');
      assert.equal(await engineState(container), 'running');

      const stop = await workbench.openContextMenu(row, 'Stop Container');
      const items = await workbench.contextMenuItems();
      for (const item of ['Pause Container', 'Inspect Container', 'Remove Container…']) {
        assert.ok(items.includes(item), `the running container's menu lists "${item}" (listed: ${items.join(', ')})`);
      }
      assert.ok(!items.includes('Start Container'), 'a running container offers no Start');
      await stop.hover();
      await screenshot();
      await workbench.chooseMenuItem(stop);
      await workbench.waitForRowIcon(row, 'vm-outline');
      assert.equal(await engineState(container), 'exited');
      assert.match(await row.locator('.label-description').innerText(), /Exited \(137\)/);
    } finally {
      await resources.removeAll();
    }
  },
};
