/**
 * One end-to-end session: the cached code-server, the engine, the bundled suite, two code-servers with
 * Dockside's .vsix installed (one that runs test payloads for the extension-host suite, one as users run
 * it for the UI journeys: the test-payload mode hides notifications and dialogs), and Chromium.
 * `open()` names the step that failed; `close()` always ends everything it started.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Browser } from 'playwright-core';
import { ensureEngine } from '../../support/engine';
import { launchChromium } from './browser';
import { bundleExtensionHostSuite } from './bundleSuite';
import { CodeServer } from './codeServer';
import { CodeServerInstall, ensureCodeServer } from './codeServerInstall';
import { fixtureWorkspace, resultsDir, vsixPath } from './paths';
import { removeOnExit } from './processes';
import { step } from './steps';

export const EXTENSION_ID = 'dockside.dockside';

export class E2eSession {
  private constructor(
    readonly install: CodeServerInstall,
    /** Runs the extension-host suite (test payloads enabled). */
    readonly suiteServer: CodeServer,
    /** Serves the workbench for the UI journeys, as `npm start` does. */
    readonly uiServer: CodeServer,
    readonly browser: Browser,
    /** Where the .vsix was unpacked in the server's profile. */
    readonly extensionPath: string,
    readonly testsIndex: string,
    readonly scratch: string,
    private readonly removeScratch: () => void,
  ) {}

  /** A fresh copy of the fixture workspace (the workbench may write into it). */
  workspace(name: string): string {
    const folder = path.join(this.scratch, name);
    fs.cpSync(fixtureWorkspace, folder, { recursive: true });
    return folder;
  }

  get resultsFile(): string {
    return path.join(this.scratch, 'exthost-results.json');
  }

  static async open(log: (line: string) => void): Promise<E2eSession> {
    fs.mkdirSync(resultsDir, { recursive: true });
    const vsix = vsixPath;
    await step('find dockside.vsix', () => {
      if (!fs.existsSync(vsix)) {
        throw new Error(`${vsix} is missing: run \`npm run package\` (npm test does it before the suites)`);
      }
    });
    const install = await step('install code-server (cached)', () => ensureCodeServer(log));
    await step('get a Docker Engine', () => ensureEngine());
    const testsIndex = await step('bundle the extension-host suite', () => bundleExtensionHostSuite());
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-e2e-'));
    const removeScratch = removeOnExit(scratch);
    const suiteServer = new CodeServer({
      install,
      testPayloads: true,
      // A Docker configuration folder of the suite's own: contexts it creates never reach the user's ~/.docker.
      env: { DOCKSIDE_E2E_RESULTS: path.join(scratch, 'exthost-results.json'), DOCKER_CONFIG: path.join(scratch, 'docker-config') },
      logFile: path.join(resultsDir, 'code-server-suite.log'),
    });
    const uiServer = new CodeServer({ install, logFile: path.join(resultsDir, 'code-server-ui.log') });
    const servers = [suiteServer, uiServer];
    for (const server of servers) {
      fs.rmSync(server.logFile, { force: true });
    }
    let browser: Browser | undefined;
    try {
      const [extensionPath] = await step('install dockside.vsix into code-server', () =>
        Promise.all(servers.map((server) => server.installExtension(vsix, EXTENSION_ID))),
      );
      await step('start code-server', () => Promise.all(servers.map((server) => server.start())));
      browser = await step('launch Chromium', () => launchChromium());
      return new E2eSession(install, suiteServer, uiServer, browser, extensionPath, testsIndex, scratch, removeScratch);
    } catch (error) {
      await browser?.close().catch(() => undefined);
      await Promise.allSettled(servers.map((server) => server.stop()));
      removeScratch();
      throw error;
    }
  }

  async close(): Promise<void> {
    try {
      await this.browser.close().catch(() => undefined);
    } finally {
      await Promise.allSettled([this.suiteServer.stop(), this.uiServer.stop()]);
      this.removeScratch();
    }
  }
}
