import * as path from 'node:path';
import { resultsDir } from '../harness/paths';
import { E2eSession } from '../harness/session';
import { Workbench } from '../harness/workbench';

/** A UI journey: what a user does in the workbench and what they see. One file per journey. */
export interface Journey {
  title: string;
  /** Screenshot name (without extension) under test-results/e2e/. */
  name: string;
  run(workbench: Workbench, e2e: E2eSession, screenshot: () => Promise<void>): Promise<void>;
}

/** The engine's status bar text for an engine version on the default context, e.g. `Docker 20.10.24+dfsg1`. */
export function engineStatusText(version: string): RegExp {
  return new RegExp(`^\\s*Docker ${version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

/** Opens a fresh workbench on its own copy of the fixture workspace; on failure saves `<name>-failed.png`. */
export async function runJourney(journey: Journey, e2e: E2eSession): Promise<void> {
  const workbench = await Workbench.open(e2e.browser, e2e.uiServer.url, e2e.workspace(`ui-${journey.name}`));
  try {
    await journey.run(workbench, e2e, () => workbench.screenshot(path.join(resultsDir, `${journey.name}.png`)));
  } catch (error) {
    await workbench.screenshot(path.join(resultsDir, `${journey.name}-failed.png`)).catch(() => undefined);
    throw error;
  } finally {
    await workbench.close();
  }
}
