/**
 * The results the extension-host suite writes (see test/e2e/exthost/index.ts) and their reading on the
 * harness side. The file, not the console, is the source of truth: each test's title, state and error.
 */
import * as fs from 'node:fs';
import { tailOf } from './steps';

export interface SuiteTestResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs: number;
  error?: string;
}

export interface SuiteResultsFile {
  failures: number;
  results: SuiteTestResult[];
}

export class SuiteReport {
  private constructor(
    readonly exitCode: number | 'timeout',
    readonly results: SuiteTestResult[],
    readonly problem: string | undefined,
  ) {}

  static read(resultsFile: string, exitCode: number | 'timeout', logFile: string): SuiteReport {
    let parsed: SuiteResultsFile | undefined;
    try {
      parsed = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as SuiteResultsFile;
    } catch {
      parsed = undefined;
    }
    if (!parsed) {
      const why =
        exitCode === 'timeout'
          ? 'the extension host did not report the end of the suite in time'
          : `the extension host ended with code ${exitCode} without writing results (did the suite load?)`;
      return new SuiteReport(exitCode, [], `${why}; suite output ${logFile}:\n${tailOf(logFile, 40)}`);
    }
    if (exitCode === 'timeout') {
      return new SuiteReport(exitCode, parsed.results, 'the suite wrote its results but the extension host never reported its exit');
    }
    return new SuiteReport(exitCode, parsed.results, undefined);
  }
}
