import assert from 'node:assert/strict';
import { ensureEngine } from '../../support/engine';
import { engineStatusLabel, Journey } from './journey';

const RETRY = 'Dockside: Retry Connecting to the Docker Engine';

export const commandPalette: Journey = {
  title: 'F1 lists the Dockside commands and runs "Retry Connecting to the Docker Engine"',
  name: 'command-palette',
  async run(workbench, _e2e, screenshot) {
    const page = workbench.page;
    const version = (await (await ensureEngine()).version()).Version;
    await workbench.openViewContainer('Dockside');
    await workbench.widenSideBar(120);
    await workbench.parkMouse();
    await workbench.waitForRow('CONTAINERS', /^Docker Engine /);
    await workbench.settleSideBar();
    const rows = await workbench.palette('>Dockside: ');
    await rows.filter({ hasText: RETRY }).first().waitFor();
    const listed = (await rows.locator('.label-name').allInnerTexts()).map((text) => text.trim());
    assert.ok(listed.includes(RETRY), `the palette lists "${RETRY}" (listed: ${listed.join(', ')})`);
    assert.ok(listed.includes('Dockside: Restart the Dockerfile Language Server'));
    await screenshot();
    await page.keyboard.press('Escape');
    await workbench.runCommand(RETRY);
    assert.equal(await workbench.errorReported(), undefined, `running "${RETRY}" reported no error`);
    await workbench.waitForRow('CONTAINERS', engineStatusLabel(version));
  },
};
