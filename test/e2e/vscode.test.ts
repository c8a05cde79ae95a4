/**
 * Dockside in a real VS Code (code-server 4.100.3 = VS Code 1.100.3), against the real engine:
 * first the extension-host suite (test/e2e/exthost, the main gate), then a few UI journeys in Chromium.
 * Screenshots land in test-results/e2e/.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runExtensionHostSuite } from './harness/extensionHostRun';
import { resultsDir } from './harness/paths';
import { E2eSession } from './harness/session';
import { step } from './harness/steps';
import { journeys } from './journeys';
import { runJourney } from './journeys/journey';

const SETUP_TIMEOUT_MS = 30 * 60_000; // A cold code-server install builds native modules.
const SUITE_TIMEOUT_MS = 5 * 60_000;

let session: E2eSession | undefined;

before(
  async () => {
    const started = Date.now();
    session = await E2eSession.open((line) => console.log(`[e2e] ${line}`));
    const install = session.install.installedInSeconds === undefined ? 'cached' : `installed in ${session.install.installedInSeconds} s`;
    console.log(`[e2e] code-server ${install}; session ready (vsix installed, servers up, Chromium) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  },
  { timeout: SETUP_TIMEOUT_MS },
);

after(async () => {
  await session?.close();
});

function opened(): E2eSession {
  if (!session) {
    throw new Error('the e2e session did not open (see the failed setup step above)');
  }
  return session;
}

/**
 * `DOCKSIDE_E2E_JOURNEYS=row-latency,explorer-view` runs only those journeys (by name) and, unless
 * `DOCKSIDE_E2E_GREP` also picks extension-host tests, skips the extension-host suite.
 */
const onlyJourneys = process.env.DOCKSIDE_E2E_JOURNEYS?.split(',').map((name) => name.trim()).filter(Boolean);
const skipSuite = onlyJourneys !== undefined && !process.env.DOCKSIDE_E2E_GREP;

test('extension-host suite inside the real VS Code', { timeout: SUITE_TIMEOUT_MS, skip: skipSuite && 'DOCKSIDE_E2E_JOURNEYS picks journeys only' }, async (t) => {
  const e2e = opened();
  const started = Date.now();
  const report = await step('run the extension-host suite', () =>
    runExtensionHostSuite(e2e.browser, e2e.suiteServer, {
      extensionPath: e2e.extensionPath,
      testsIndex: e2e.testsIndex,
      workspace: e2e.workspace('exthost-workspace'),
      resultsFile: e2e.resultsFile,
      logFile: path.join(resultsDir, 'exthost-suite.log'),
      timeoutMs: SUITE_TIMEOUT_MS - 30_000,
    }),
  );
  t.diagnostic(`extension-host suite: ${report.results.length} tests in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const result of report.results) {
    await t.test(result.title, (sub) => {
      if (result.state === 'pending') {
        sub.skip('pending in the suite');
      } else if (result.state === 'failed') {
        throw new Error(result.error);
      }
    });
  }
  assert.equal(report.problem, undefined);
  assert.ok(report.results.length > 0, 'the suite ran tests');
  assert.equal(report.exitCode, 0, 'the extension host reported success');
});

describe('UI journeys in the workbench', () => {
  for (const journey of journeys.filter((candidate) => !onlyJourneys || onlyJourneys.includes(candidate.name))) {
    test(journey.title, { timeout: 240_000 }, async () => {
      await runJourney(journey, opened());
    });
  }
});
