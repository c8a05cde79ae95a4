/**
 * Entry of the extension-host suite: loaded by VS Code's extension host through `extensionTestsPath`
 * (code-server here, @vscode/test-electron on a desktop). It runs every bundled `*.suite.js` beside it with
 * mocha and writes each test's result to $DOCKSIDE_E2E_RESULTS for the harness. The console output reaches
 * the harness through the workbench (`codeAutomationLog`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import type { SuiteResultsFile, SuiteTestResult } from '../harness/suiteReport';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, reporter: 'spec', timeout: 30_000, grep: process.env.DOCKSIDE_E2E_GREP });
  const suites = fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith('.suite.js'))
    .sort();
  for (const name of suites) {
    mocha.addFile(path.join(__dirname, name));
  }
  const results: SuiteTestResult[] = [];
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const file = process.env.DOCKSIDE_E2E_RESULTS;
        if (file) {
          const report: SuiteResultsFile = { failures, results };
          fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
        }
        if (failures > 0) {
          reject(new Error(`${failures} extension-host test(s) failed`));
        } else if (results.length === 0) {
          reject(new Error('the extension-host suite ran no test'));
        } else {
          resolve();
        }
      });
      runner.on('pass', (test) => results.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 }));
      runner.on('pending', (test) => results.push({ title: test.fullTitle(), state: 'pending', durationMs: 0 }));
      runner.on('fail', (test, error: Error) =>
        results.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration ?? 0, error: error.stack ?? String(error) }),
      );
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
