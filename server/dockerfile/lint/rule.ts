/** What one lint rule is: identity, documentation, default severity and a pure check over the lint context. */
import type { Range } from 'vscode-languageserver-types';
import type { LintContext } from './context';
import type { FindingSeverity, QuickFix } from './types';

/** What a rule reads: instructions and their arguments, or RUN scripts parsed as shell. */
export type RuleLevel = 'instruction' | 'shell';

export function levelOf(rule: Rule): RuleLevel {
  return rule.level ?? 'instruction';
}

export interface RuleReport {
  range: Range;
  message: string;
  fixes?: QuickFix[];
}

export interface Rule {
  /** Stable code, never reused: `DS` and three digits. */
  code: string;
  /** Stable kebab-case name; accepted wherever a code is. */
  name: string;
  /** One line, shown in the rules table. */
  title: string;
  severity: FindingSeverity;
  /**
   * `shell`: the rule reads RUN scripts through the shell parser (`LintContext.runScripts`, `runCommands`). The
   * language server publishes the other rules' findings first and these with the next publication. A meta-test
   * checks that no other rule asks for the shell parse.
   */
  level?: RuleLevel;
  /** Rules that are advice for some teams only start disabled. */
  enabledByDefault?: boolean;
  /** The same rule under other linters' names: hadolint (`DL3008`) and BuildKit build checks (`FromAsCasing`). */
  hadolint?: string[];
  buildkit?: string;
  /** Markdown: why the rule exists and how to satisfy it. */
  description: string;
  check(context: LintContext): RuleReport[];
}
