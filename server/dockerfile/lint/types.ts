/** Plain data types of the lint engine, shared by the engine, the rules, the CLI and the language server. */
import type { Range, TextEdit } from 'vscode-languageserver-types';

export type FindingSeverity = 'error' | 'warning' | 'info' | 'style';
export type RuleSetting = FindingSeverity | 'off';

/** The type a label's value must have under a label schema (hadolint's `label-schema`). */
export type LabelType = 'text' | 'url' | 'semver' | 'hash' | 'rfc3339' | 'spdx' | 'email';

export interface LintSettings {
  /** Per-rule override, keyed by rule code (or an alias the rule accepts). */
  rules?: Record<string, RuleSetting>;
  /** Registries base images may come from (`docker.io`, `ghcr.io`, …). Empty or absent: any registry. */
  trustedRegistries?: string[];
  /** Labels every image must carry, and the type of each value. */
  labelSchema?: Record<string, LabelType>;
  /** With a label schema: labels outside the schema are reported too. */
  strictLabels?: boolean;
}

export interface QuickFix {
  title: string;
  edits: TextEdit[];
}

export interface Finding {
  /** Stable rule code (`DS…`), or a ShellCheck code (`SC2086`) when `source` is `shellcheck`. */
  code: string;
  severity: FindingSeverity;
  message: string;
  range: Range;
  /**
   * A web page on the finding's code (ShellCheck's wiki). Dockside's rules have none: their document ships with
   * the package, and the server and the CLI link to it where they find it (project/rulesDocument.ts).
   */
  href?: string;
  fixes?: QuickFix[];
  /** Which analysis produced the finding. */
  source?: 'dockside' | 'shellcheck';
  /** The rule's kebab-case name. */
  name?: string;
}

export const SEVERITY_RANK: Record<FindingSeverity, number> = { error: 3, warning: 2, info: 1, style: 0 };
