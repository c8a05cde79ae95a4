import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { misspeltComposeFile, removeComposeProject } from '../../support/composeProject';
import { ensureEngine } from '../../support/engine';
import { selectors } from '../harness/workbench';
import { Journey } from './journey';

const NAME = 'compose-up';

export const composeUp: Journey = {
  title: 'open a Compose file: the misspelt key is squiggled, completing it clears the squiggle, the "▶ Up" lens brings the project into the Containers view',
  name: NAME,
  async run(workbench, e2e, screenshot) {
    const page = workbench.page;
    const project = `shopfront-${randomBytes(2).toString('hex')}`;
    const folder = path.join(e2e.scratch, `ui-${NAME}`, project);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(
      path.join(folder, 'compose.yaml'),
      misspeltComposeFile,
    );
    try {
      await workbench.openViewContainer('Dockside');
      await workbench.widenSideBar(120);
      await workbench.openFile('compose.yaml');
      await page.locator(selectors.errorSquiggle).first().waitFor({ timeout: 30_000 });

      // Line 9 (`    restrat: always`): retype the key, complete it from the suggestions, give it its value.
      await page.keyboard.press('Control+G');
      await page.keyboard.type('9');
      await page.keyboard.press('Enter');
      await page.keyboard.press('End');
      await page.keyboard.press('Shift+Home');
      await page.keyboard.type('rest');
      // Ask for suggestions; a request that raced the language server's reply to the edit is asked again.
      const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'restart' }).first();
      for (let attempt = 1; ; attempt++) {
        await page.keyboard.press('Control+Space');
        try {
          await suggestion.waitFor({ timeout: 10_000 });
          break;
        } catch (error) {
          if (attempt === 3) throw error;
          await page.keyboard.press('Escape');
        }
      }
      await page.keyboard.press('Enter');
      await page.keyboard.type('always');
      await page.keyboard.press('Control+S');
      await page.locator(selectors.errorSquiggle).first().waitFor({ state: 'detached', timeout: 30_000 });

      const lens = page.locator('.monaco-editor .codelens-decoration a', { hasText: '▶ Up' }).first();
      await lens.waitFor({ timeout: 30_000 });
      await lens.click();
      const row = await workbench.waitForNamedRow('Containers', project, 60_000);
      // The row appears as Compose creates the container, and says "running" once it started.
      await row.locator('.label-description', { hasText: /^running$/ }).waitFor({ timeout: 60_000 });
      assert.ok(await row.isVisible(), `the project ${project} shows in the Containers view`);
      await workbench.settleSideBar();
      await screenshot();
    } finally {
      await removeComposeProject(await ensureEngine(), project);
    }
  },
};
