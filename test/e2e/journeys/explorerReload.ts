import assert from 'node:assert/strict';
import { waitFor } from '../../support/waitFor';
import { selectors } from '../harness/workbench';
import { Journey } from './journey';
import { JourneyResources } from './testResources';

/**
 * Runs in the page before the workbench on every load: records in `window.docksideWelcomeTexts` each distinct text
 * a view's welcome content shows, however briefly, so a flash of "No containers." during startup cannot go unseen.
 */
const recordWelcomeTexts = `
  (() => {
    const seen = new Set();
    window.docksideWelcomeTexts = [];
    const record = () => {
      for (const element of document.querySelectorAll('.part.sidebar .welcome-view-content')) {
        const text = element.innerText.trim();
        if (text && !seen.has(text)) {
          seen.add(text);
          window.docksideWelcomeTexts.push(text);
        }
      }
    };
    new MutationObserver(record).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  })();
`;

export const explorerReload: Journey = {
  title: 'reload the window with containers present: the views say Loading, never "No containers.", then the rows come and their status moves on',
  name: 'explorer-reload',
  async run(workbench, _e2e, screenshot) {
    const resources = new JourneyResources();
    try {
      const { name, container } = await resources.container('uptime');
      await workbench.page.addInitScript({ content: recordWelcomeTexts });
      await workbench.openViewContainer('Dockside');
      await workbench.widenSideBar(220);
      await workbench.waitForNamedRow('CONTAINERS', name);

      const reloaded = Date.now();
      await workbench.page.reload();
      // The workbench restores the open view container; clicking it again would close it.
      await workbench.page.locator(selectors.paneHeaderTitle).first().waitFor({ timeout: 60_000 });
      if (!(await workbench.paneTitles()).includes('CONTAINERS')) {
        await workbench.openViewContainer('Dockside');
      }
      await workbench.waitForNamedRow('CONTAINERS', name);
      await workbench.waitForRow('IMAGES', /./);
      const welcome = (await workbench.page.evaluate('window.docksideWelcomeTexts')) as string[];
      console.log(`[e2e] after the reload, rows in ${((Date.now() - reloaded) / 1000).toFixed(1)} s; welcome texts shown meanwhile: ${JSON.stringify(welcome)}`);
      for (const text of ['No containers.', 'No images.']) {
        assert.ok(!welcome.some((shown) => shown.startsWith(text)), `"${text}" never showed while loading (welcome texts seen: ${JSON.stringify(welcome)})`);
      }

      // Started now, left alone: the row's status moves on with no event from the engine.
      await container.start();
      const status = () => workbench.page.locator('.part.sidebar .monaco-list-row', { has: workbench.page.locator('.label-name', { hasText: name }) }).locator('.label-description').innerText();
      await waitFor(status, (text) => / · Up (Less than a second|1 second)$/.test(text), `${name} to show that it has just started`, 15_000);
      await waitFor(status, (text) => / · Up [2-9] seconds$/.test(text), `${name}'s status to move on by itself`, 15_000);
      await workbench.parkMouse();
      await screenshot();
    } finally {
      await resources.removeAll();
    }
  },
};
