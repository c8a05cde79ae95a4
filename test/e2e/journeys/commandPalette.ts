import assert from 'node:assert/strict';
import { ensureEngine } from '../../support/engine';
import { selectors } from '../harness/workbench';
import { engineStatusText, Journey } from './journey';

const REFRESH = 'Dockside: Refresh the Docker Explorer';
const RETRY = 'Dockside: Retry Connecting to the Docker Engine';
const RESTART_SERVER = 'Dockside: Restart the Dockerfile Language Server';

export const commandPalette: Journey = {
  title: 'F1 lists the Dockside commands (Retry only while the engine is unreachable) and runs "Refresh the Docker Explorer"',
  name: 'command-palette',
  async run(workbench, _e2e, screenshot) {
    const page = workbench.page;
    const version = (await (await ensureEngine()).version()).Version;
    await workbench.openViewContainer('Dockside');
    await workbench.widenSideBar(120);
    await workbench.parkMouse();
    await workbench.waitForStatusBarItem(engineStatusText(version));
    await workbench.settleSideBar();
    const rows = await workbench.palette('>Dockside: ');
    const shown = (await rows.locator('.label-name').allInnerTexts()).map((text) => text.trim());
    assert.ok(shown.length >= 10, `the palette lists the Dockside commands (listed: ${shown.join(', ')})`);
    assert.deepEqual(
      shown.filter((title) => !title.startsWith('Dockside: ')),
      [],
      'every command listed for "Dockside: " is one of Dockside',
    );
    await screenshot();
    // The list is virtual (only the rows on screen exist): narrow it to the commands in question.
    await page.locator(selectors.quickInput).fill('>Dockside: Re');
    await rows.filter({ hasText: REFRESH }).first().waitFor();
    await page.locator(selectors.quickInput).fill('>Dockside: Restart the');
    await rows.filter({ hasText: RESTART_SERVER }).first().waitFor();
    // Once the list no longer holds Restart, it shows what matches "Retry": Retry must not be among it.
    await page.locator(selectors.quickInput).fill('>Dockside: Retry');
    await rows.filter({ hasText: RESTART_SERVER }).first().waitFor({ state: 'detached' });
    const listed = (await rows.locator('.label-name').allInnerTexts()).map((text) => text.trim());
    assert.ok(!listed.includes(RETRY), `"${RETRY}" is hidden while the engine is connected (listed: ${listed.join(', ')})`);
    await page.keyboard.press('Escape');
    await workbench.runCommand(REFRESH);
    assert.equal(await workbench.errorReported(), undefined, `running "${REFRESH}" reported no error`);
    await workbench.waitForStatusBarItem(engineStatusText(version));
  },
};
