import assert from 'node:assert/strict';
import { ensureEngine } from '../../support/engine';
import { selectors } from '../harness/workbench';
import { Journey } from './journey';

const BUILD = 'Dockside: Build Image…';
const REPOSITORY = 'dockside-test/e2e-journey-build';

export const buildFromPalette: Journey = {
  title: 'F1 "Dockside: Build Image…" on the open Dockerfile: the questions, the build terminal and notification, the image in the Images view',
  name: 'build-image',
  async run(workbench, _e2e, screenshot) {
    const page = workbench.page;
    const docker = await ensureEngine();
    const tag = `${REPOSITORY}:${Date.now().toString(36)}`;
    await workbench.openViewContainer('Dockside');
    await workbench.widenSideBar(120);
    // Quick open lists it as "Dockerfile  build" (name, then folder).
    const files = await workbench.palette('build/Dockerfile');
    await files.filter({ hasText: 'Dockerfile' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator(selectors.editorTab('Dockerfile')).waitFor();
    try {
      const rows = await workbench.palette(`>${BUILD}`);
      await rows.filter({ hasText: BUILD }).first().waitFor();
      await page.keyboard.press('Enter');
      const title = page.locator(selectors.quickInputTitle);
      const input = page.locator(selectors.quickInput);
      await title.filter({ hasText: 'build context' }).waitFor();
      assert.match(await page.locator(selectors.quickInputRow).first().innerText(), /the Dockerfile's folder/);
      await page.keyboard.press('Enter');
      await title.filter({ hasText: 'tags' }).waitFor();
      await input.fill(tag);
      await page.keyboard.press('Enter');
      await title.filter({ hasText: 'build arguments' }).waitFor();
      await page.keyboard.press('Enter');
      await page.locator(selectors.notificationToast, { hasText: `Built ${tag}.` }).first().waitFor({ timeout: 60_000 });
      // The terminal's name shows in the panel's title once it is the only terminal.
      await page.locator(selectors.panel).getByText(`Build: ${tag}`).first().waitFor({ timeout: 15_000 });
      // Image repositories start collapsed: open the new one to show its tag.
      await (await workbench.waitForNamedRow('IMAGES', REPOSITORY)).click();
      await workbench.waitForNamedRow('IMAGES', tag.split(':')[1]);
      assert.equal((await docker.getImage(tag).inspect()).Config.Labels?.['dockside.test'], '1');
      await workbench.parkMouse();
      await workbench.settleSideBar();
      await screenshot();
    } finally {
      await docker
        .getImage(tag)
        .remove()
        .catch((error: { statusCode?: number }) => {
          if (error.statusCode !== 404) throw error;
        });
    }
  },
};
