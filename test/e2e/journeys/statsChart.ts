import assert from 'node:assert/strict';
import { ensureEngine, TEST_IMAGE, testLabels } from '../../support/engine';
import { Journey } from './journey';
import { JourneyResources } from './testResources';

export const statsChart: Journey = {
  title: 'right-click a busy container, Show Stats: the CPU chart gains points and the table lists it',
  name: 'stats-chart',
  async run(workbench, _e2e, screenshot) {
    const resources = new JourneyResources();
    const docker = await ensureEngine();
    const name = `busy-${resources.suffix}`;
    // Busy for a while each second, so the CPU line has something to draw; no network.
    const container = await docker.createContainer({
      name,
      Image: TEST_IMAGE,
      Cmd: ['sh', '-c', 'while true; do i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; sleep 1; done'],
      Labels: { ...testLabels },
      StopSignal: 'SIGKILL',
      HostConfig: { NetworkMode: 'none', Memory: 128 * 1024 * 1024 },
    });
    try {
      await container.start();
      await workbench.openViewContainer('Dockside');
      await workbench.widenSideBar(220);
      const row = await workbench.waitForNamedRow('CONTAINERS', name);
      await workbench.waitForRowIcon(row, 'vm-running');
      await workbench.chooseMenuItem(await workbench.openContextMenu(row, 'Show Stats'));

      const page = workbench.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      const cpu = page.locator('[data-chart="cpu"]');
      await cpu.waitFor({ timeout: 30_000 });
      const points = async () => Number((await cpu.getAttribute('data-points')) ?? '0');
      const deadline = Date.now() + 60_000;
      let first = await points();
      while (first < 2 && Date.now() < deadline) {
        await workbench.page.waitForTimeout(250);
        first = await points();
      }
      assert.ok(first >= 2, `the CPU chart has points (${first})`);
      let later = first;
      while (later < first + 3 && Date.now() < deadline) {
        await workbench.page.waitForTimeout(250);
        later = await points();
      }
      assert.ok(later >= first + 3, `the CPU chart moved on: ${first} → ${later} points`);
      await page.locator('table.containers tbody tr', { hasText: name }).waitFor({ timeout: 10_000 });
      assert.match(await page.locator('[data-chart="memory"]').locator('xpath=..').locator('.headline').innerText(), /iB \/ 128MiB$/);
      await workbench.parkMouse();
      await screenshot();
    } finally {
      await container.remove({ force: true }).catch(() => undefined);
      await resources.removeAll();
    }
  },
};
