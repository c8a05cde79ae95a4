/**
 * Runs the bundled extension-host suite inside the real extension host of a code-server, the way
 * @vscode/test-web does: the workbench URL carries a payload with `extensionDevelopmentPath` and
 * `extensionTestsPath`; the host loads the suite's `run()`, and the workbench reports the suite's console
 * through `window.codeAutomationLog` and its end through `window.codeAutomationExit`.
 */
import * as fs from 'node:fs';
import { format } from 'node:util';
import { Browser } from 'playwright-core';
import { CodeServer } from './codeServer';
import { SuiteReport } from './suiteReport';

export interface ExtensionHostRun {
  /** Folder of the extension under test (here: the unpacked .vsix). */
  extensionPath: string;
  /** The bundled suite entry (`index.js`, exporting `run()`). */
  testsIndex: string;
  /** Folder opened as the workspace. */
  workspace: string;
  /** File the suite writes its results into (passed to it as DOCKSIDE_E2E_RESULTS on the server). */
  resultsFile: string;
  /** Where the suite's console output is copied. */
  logFile: string;
  timeoutMs: number;
}

export function payloadUrl(server: CodeServer, run: Pick<ExtensionHostRun, 'extensionPath' | 'testsIndex' | 'workspace'>): string {
  const remote = (file: string) => `vscode-remote://${server.authority}${file}`;
  const payload = [
    ['extensionDevelopmentPath', remote(run.extensionPath)],
    ['extensionTestsPath', remote(run.testsIndex)],
  ];
  return `${server.url}?folder=${encodeURIComponent(run.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export async function runExtensionHostSuite(browser: Browser, server: CodeServer, run: ExtensionHostRun): Promise<SuiteReport> {
  fs.rmSync(run.resultsFile, { force: true });
  const output = fs.openSync(run.logFile, 'w');
  let open = true;
  // The workbench may still log after the run ended: never write to a descriptor that was closed.
  const write = (line: string) => open && fs.writeSync(output, `${line}\n`);
  const page = await browser.newPage();
  try {
    let finish: (code: number | 'timeout') => void = () => undefined;
    const exited = new Promise<number | 'timeout'>((resolve) => (finish = resolve));
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      write(format(...(Array.isArray(args) ? args : [args])));
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
    page.on('pageerror', (error) => write(`[workbench page error] ${error.message}`));
    // The workbench page loads slowly on a busy machine: Playwright's 30 s default is not the suite's limit.
    await page.goto(payloadUrl(server, run), { timeout: 120_000 });
    const timer = setTimeout(() => finish('timeout'), run.timeoutMs);
    const exitCode = await exited;
    clearTimeout(timer);
    return SuiteReport.read(run.resultsFile, exitCode, run.logFile);
  } finally {
    await page.close().catch(() => undefined);
    open = false;
    fs.closeSync(output);
  }
}
