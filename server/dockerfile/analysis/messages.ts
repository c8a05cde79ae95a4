/**
 * What the language server and its analysis thread (see analysisThread.ts) say to each other: plain data, copied
 * between the threads. The server asks for one document version's diagnostics, ShellCheck's findings on it, or
 * a feature of the whole document; the thread answers each job by its id.
 */
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { DiagnosticBudgetState } from '../../diagnosticLimit';
import type { LocalImage } from '../../protocol';
import type { Finding, LintSettings, RuleSetting } from '../lint';

/** The thread's `workerData`: what tells a bundle started as the analysis thread apart from the server itself. */
export const ANALYSIS_THREAD_ROLE = 'dockside.dockerfile-analysis';

/** The document version a job is about, as the thread parses it. */
export interface JobDocument {
  uri: string;
  version: number;
  text: string;
}

/** The diagnostics of one version: the validator and every rule, under the publication's cap. */
export interface DiagnoseJob {
  kind: 'diagnose';
  id: number;
  document: JobDocument;
  settings: LintSettings;
  dockerignore?: readonly string[];
  /** At most this many diagnostics are kept while computing (see DiagnosticBudget). */
  limit: number;
}

/** ShellCheck's findings on one version's RUN scripts. */
export interface ShellcheckJob {
  kind: 'shellcheck';
  id: number;
  document: JobDocument;
  settings: LintSettings;
  executable: string;
  rules: Record<string, RuleSetting>;
  timeoutMs: number;
}

/**
 * The features an editor asks of every document it shows (and again after each edit), which read the whole
 * parse: computed where the long document's parse is.
 */
export type DocumentFeature =
  | { name: 'semanticTokens' }
  | { name: 'documentSymbols' }
  | { name: 'foldingRanges'; lineFoldingOnly: boolean; rangeLimit: number }
  | { name: 'documentLinks'; localImages: LocalImage[] };

export interface FeatureJob {
  kind: 'feature';
  id: number;
  document: JobDocument;
  feature: DocumentFeature;
}

/** Stops a ShellCheck job (its findings are no longer wanted). */
export interface CancelJob {
  kind: 'cancel';
  id: number;
}

export type ToThread = DiagnoseJob | ShellcheckJob | FeatureJob | CancelJob;

export type FromThread =
  /** The thread is ready for jobs (its shell parser is loaded). */
  | { kind: 'ready' }
  /**
   * One part of a version's diagnostics: `first` (the validator and the instruction-level rules) and then, when
   * a shell-level rule may add findings, `full` (null: nothing added, the first part is the whole list).
   */
  | { kind: 'diagnostics'; id: number; part: 'first' | 'full'; diagnostics: Diagnostic[] | null; budget: DiagnosticBudgetState; lineCount: number }
  /** The job is finished: no more parts come. */
  | { kind: 'done'; id: number }
  /** A stage of the job failed on this input (the other stages' results still come). */
  | { kind: 'internalError'; id: number; stage: string; error: string }
  | { kind: 'findings'; id: number; findings: Finding[] }
  /** A feature's answer (null when it failed on this input). */
  | { kind: 'feature'; id: number; result: unknown }
  /** ShellCheck cannot be run (told once per executable). */
  | { kind: 'shellcheckUnavailable'; id: number; message: string };
