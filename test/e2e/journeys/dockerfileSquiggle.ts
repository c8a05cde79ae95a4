import assert from 'node:assert/strict';
import { selectors } from '../harness/workbench';
import { Journey } from './journey';

export const dockerfileSquiggle: Journey = {
  title: 'open a Dockerfile: the unknown instruction is squiggled and its hover explains it',
  name: 'dockerfile-hover',
  async run(workbench, _e2e, screenshot) {
    const page = workbench.page;
    await workbench.openViewContainer('Dockside');
    await workbench.widenSideBar(120);
    await workbench.openFile('Dockerfile');
    const squiggle = page.locator(selectors.errorSquiggle).first();
    await squiggle.waitFor({ timeout: 30_000 });
    // The squiggle is a decoration under the text layer: point the mouse at it the way a user does.
    const box = await squiggle.boundingBox();
    assert.ok(box, 'the squiggle is on screen');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const hover = page.locator(selectors.hover, { hasText: 'Unknown instruction: RUNN' });
    await hover.first().waitFor({ timeout: 15_000 });
    assert.match(await hover.first().innerText(), /Unknown instruction: RUNN/);
    await workbench.settleSideBar();
    await screenshot();
  },
};
