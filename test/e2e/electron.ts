/**
 * `npm run test:electron`: the same extension-host suite (test/e2e/exthost) in desktop VS Code, through
 * @vscode/test-electron, for machines with internet access and a display: it downloads VS Code
 * (the release the code-server harness pins) into .vscode-test/. `npm test` uses the code-server harness
 * instead, which needs neither.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { bundleExtensionHostSuite } from './harness/bundleSuite';
import { fixtureWorkspace, repoRoot } from './harness/paths';
import { step } from './harness/steps';
import { VSCODE_VERSION } from './harness/versions';
import { ensureEngine } from '../support/engine';

async function main(): Promise<number> {
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) {
    throw new Error('dist/extension.js is missing: run `npm run build` (the npm script does it first)');
  }
  await step('get a Docker Engine', () => ensureEngine());
  const testsIndex = await step('bundle the extension-host suite', () => bundleExtensionHostSuite());
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-electron-'));
  try {
    const workspace = path.join(scratch, 'workspace');
    fs.cpSync(fixtureWorkspace, workspace, { recursive: true });
    return await step(`run the suite in VS Code ${VSCODE_VERSION} (@vscode/test-electron)`, () =>
      runTests({
        version: VSCODE_VERSION,
        extensionDevelopmentPath: repoRoot,
        extensionTestsPath: testsIndex,
        launchArgs: [workspace, '--disable-extensions', '--user-data-dir', path.join(scratch, 'user-data')],
        extensionTestsEnv: { DOCKSIDE_E2E_RESULTS: path.join(scratch, 'results.json') },
      }),
    );
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
