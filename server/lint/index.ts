/**
 * The linting engine shared by the language server and `dockside-lint`: best-practice and build-check rules
 * over a parsed Dockerfile. Pure: no connection, no process, no file system of its own.
 */
import type { Dockerfile } from 'dockerfile-ast';
import type { Range, TextEdit } from 'vscode-languageserver-types';

export type FindingSeverity = 'error' | 'warning' | 'info' | 'style';
export type RuleSetting = FindingSeverity | 'off';

export interface LintSettings {
  /** Per-rule override, keyed by rule code (or an alias the rule accepts). */
  rules?: Record<string, RuleSetting>;
}

export interface LintInput {
  /** The document's text, exactly as parsed. */
  text: string;
  /** The parse of `text` (parsed once per document version by the caller). */
  dockerfile: Dockerfile;
  settings?: LintSettings;
}

export interface QuickFix {
  title: string;
  edits: TextEdit[];
}

export interface Finding {
  /** Stable rule code. */
  code: string;
  severity: FindingSeverity;
  message: string;
  range: Range;
  /** Where the rule's documentation lives. */
  href?: string;
  fixes?: QuickFix[];
}

/** Runs every enabled rule over one parsed Dockerfile. */
export function lintDockerfile(_input: LintInput): Finding[] {
  return [];
}
