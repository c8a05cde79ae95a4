import assert from 'node:assert/strict';
import { ensureEngine } from '../../support/engine';
import { engineStatusLabel, Journey } from './journey';

export const explorerView: Journey = {
  title: 'open the Dockside view container: four views, each showing the engine status row',
  name: 'explorer-view',
  async run(workbench, _e2e, screenshot) {
    const version = (await (await ensureEngine()).version()).Version;
    await workbench.openViewContainer('Dockside');
    await workbench.widenSideBar(120);
    for (const pane of ['Containers', 'Images', 'Volumes', 'Networks']) {
      await workbench.waitForRow(pane.toUpperCase(), engineStatusLabel(version));
    }
    assert.deepEqual(await workbench.paneTitles(), ['CONTAINERS', 'IMAGES', 'VOLUMES', 'NETWORKS']);
    await workbench.parkMouse();
    await workbench.settleSideBar();
    await screenshot();
  },
};
