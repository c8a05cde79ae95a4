import assert from 'node:assert/strict';
import { ensureEngine } from '../../support/engine';
import { selectors } from '../harness/workbench';
import { Journey } from './journey';

const RUN_TASK = 'Tasks: Run Task';
const TASK = 'Build build/Dockerfile';
/** The provided task tags the image after the Dockerfile's folder; the fixture's Dockerfile labels it dockside.test=1. */
const IMAGE = 'build:latest';

async function removeTestImage(): Promise<void> {
  const image = (await ensureEngine()).getImage(IMAGE);
  const labels = await image.inspect().then(
    (info) => info.Config.Labels ?? {},
    () => undefined,
  );
  if (labels?.['dockside.test'] === '1') {
    await image.remove();
  }
}

export const runTask: Journey = {
  title: 'F1 "Tasks: Run Task": the provided docker-build task builds in its terminal, and the image shows in the Images view',
  name: 'run-task',
  async run(workbench, _e2e, screenshot) {
    const page = workbench.page;
    await removeTestImage();
    await workbench.openViewContainer('Dockside');
    await workbench.widenSideBar(120);
    try {
      const rows = await workbench.palette(`>${RUN_TASK}`);
      // Other task commands match the same words ("Restart Running Task"): pick the one by its whole name.
      await rows.filter({ has: page.locator('.label-name', { hasText: /^\s*Tasks: Run Task\s*$/ }) }).first().click();
      // VS Code lists the task types first; the docker-build type holds the provided builds.
      const quickInputRows = page.locator(selectors.quickInputRow);
      await quickInputRows.filter({ hasText: 'docker-build' }).first().waitFor({ timeout: 30_000 });
      await page.locator(selectors.quickInput).fill('docker-build');
      await quickInputRows.filter({ hasText: 'docker-build' }).first().click();
      await quickInputRows.filter({ hasText: TASK }).first().waitFor({ timeout: 30_000 });
      await quickInputRows.filter({ hasText: TASK }).first().click();
      // A task without problem matchers makes VS Code ask which output to scan: it needs none.
      const scanChoice = quickInputRows.filter({ hasText: 'Continue without scanning the task output' }).first();
      await scanChoice.click({ timeout: 5_000 }).catch(() => undefined);
      // The task's terminal is named after the task in the panel.
      await page.locator(selectors.panel).getByText(TASK).first().waitFor({ timeout: 30_000 });
      // The row appears once the engine's image event arrives, that is once the build tagged the image.
      await (await workbench.waitForNamedRow('IMAGES', 'build', 90_000)).click();
      const image = await (await ensureEngine()).getImage(IMAGE).inspect();
      assert.equal(image.Config.Labels?.['dockside.test'], '1', 'the task built the fixture Dockerfile');
      // Image repositories start collapsed: the click above opened the new one to show its tag.
      await workbench.waitForNamedRow('IMAGES', 'latest');
      await workbench.parkMouse();
      await workbench.settleSideBar();
      await screenshot();
    } finally {
      await removeTestImage();
    }
  },
};
