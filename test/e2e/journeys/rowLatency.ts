import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { selectors } from '../harness/workbench';
import { Journey } from './journey';
import { JourneyResources } from './testResources';

const warmUpRounds = 3;
const measuredRounds = 30;
/** A pause before each timed change (pacing, not a wait for a result). */
const quietMs = 300;

/**
 * Installs, in the page, a watcher that notes the page's clock when the CONTAINERS pane starts (`present`) or
 * stops (`absent`) showing a row labelled `name`. Returns once it watches, so the engine call that follows is
 * timed from its return, not from the browser round trip.
 */
/**
 * In the page (plain script: this project's TypeScript has no DOM types): a watcher that notes the page's clock
 * in `window.docksideRowTimes[want:name]` when the side bar starts (`present`) or stops (`absent`)
 * showing a row labelled `name`.
 */
const rowWatcher = `({ name, want, labels }) => {
  const store = (window.docksideRowTimes ??= {});
  const key = want + ':' + name;
  delete store[key];
  const shown = () => [...document.querySelectorAll(labels)].some((label) => label.textContent.trim() === name);
  const observer = new MutationObserver(() => {
    if (shown() === (want === 'present')) {
      store[key] = Date.now();
      observer.disconnect();
    }
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
}`;

/** Starts watching before the engine call, so the call is timed from its return, not from a browser round trip. */
async function watchRow(page: Page, name: string, want: 'present' | 'absent'): Promise<void> {
  // Only container rows carry these names, so every pane of the side bar may be searched.
  const labels = `.part.sidebar .pane-body ${selectors.rowLabel}`;
  await page.evaluate(`(${rowWatcher})(${JSON.stringify({ name, want, labels })})`);
}

/** Milliseconds from `since` (this process's clock, the same machine's as the page's) to the watched change. */
async function rowChangedAfter(page: Page, name: string, want: 'present' | 'absent', since: number): Promise<number> {
  const handle = await page.waitForFunction(`window.docksideRowTimes?.[${JSON.stringify(`${want}:${name}`)}]`, undefined, { timeout: 15_000 });
  return Number(await handle.jsonValue()) - since;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const rowLatency: Journey = {
  title: 'a container created, started and force-removed through the Engine API appears in the view and vanishes from it (latencies printed)',
  name: 'row-latency',
  async run(workbench, _e2e, screenshot) {
    const resources = new JourneyResources();
    try {
      await workbench.openViewContainer('Dockside');
      await workbench.widenSideBar(220);
      await workbench.paneTitles();
      const appear: number[] = [];
      const vanish: number[] = [];
      for (let round = 0; round < warmUpRounds + measuredRounds; round++) {
        const name = `latency-${round}-${resources.suffix}`;
        // Each change is timed on a view at rest (the last update over 200 ms ago), as when a container is
        // created or removed outside the editor; otherwise one round's updates would delay the next's.
        await workbench.page.waitForTimeout(quietMs);
        await watchRow(workbench.page, name, 'present');
        const { container } = await resources.container(`latency-${round}`);
        const created = Date.now();
        const appeared = await rowChangedAfter(workbench.page, name, 'present', created);
        await container.start();
        await workbench.waitForRowIcon(await workbench.waitForNamedRow('CONTAINERS', name), 'vm-running');
        await workbench.page.waitForTimeout(quietMs);
        await watchRow(workbench.page, name, 'absent');
        await container.remove({ force: true });
        const removed = Date.now();
        const vanished = await rowChangedAfter(workbench.page, name, 'absent', removed);
        if (round >= warmUpRounds) {
          appear.push(appeared);
          vanish.push(vanished);
        }
      }
      const figures = (values: number[]) => `p50 ${percentile(values, 50)} ms / p95 ${percentile(values, 95)} ms`;
      console.log(`[e2e] container row in the DOM after the Engine API call returned (${measuredRounds} rounds after ${warmUpRounds} warm-up): appear ${figures(appear)}, vanish ${figures(vanish)}`);
      assert.equal(vanish.length, measuredRounds, 'every removed container left the view');
      await workbench.parkMouse();
      await screenshot();
    } finally {
      await resources.removeAll();
    }
  },
};
