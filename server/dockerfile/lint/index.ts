/**
 * The linting engine shared by the language server and `dockside-lint`: best-practice and build-check rules
 * over a parsed Dockerfile. Pure: no connection, no process, no file system of its own.
 */
import type { Dockerfile } from 'dockerfile-ast';
import { LintContext } from './context';
import { isSuppressed, readSuppressions, type Suppressions } from './pragmas';
import { RULES, ruleSetting } from './registry';
import type { ShellParseCache } from './shell/parse';
import { levelOf, type Rule, type RuleLevel } from './rule';
import type { Finding, FindingSeverity, LintSettings } from './types';

export type { Finding, FindingSeverity, LabelType, LintSettings, QuickFix, RuleSetting } from './types';
export { SEVERITY_RANK } from './types';
export { ruleDocumentation, renderRulesMarkdown } from './docs';
export { RULES, canonicalCode, ruleByCode } from './registry';
export { suppressionFixes } from './suppressionFixes';
export { settingsFromHadolintConfig, type HadolintConfigResult } from './config/hadolint';
export { lintSettingsFromConfiguration, mergeLintSettings, type DockerfileLintConfiguration } from './config/settings';
export { isSuppressed, readSuppressions } from './pragmas';
export { RecentShellParses, ShellParseCache } from './shell/parse';
export { levelOf, type RuleLevel } from './rule';

export interface LintInput {
  /** The document's text, exactly as parsed. */
  text: string;
  /** The parse of `text` (parsed once per document version by the caller). */
  dockerfile: Dockerfile;
  settings?: LintSettings;
  /** The build context's `.dockerignore` patterns, when known (for COPY of an excluded path). */
  dockerignore?: readonly string[];
  /** Parses of RUN scripts kept between lints of one document (see `ShellParseCache`). */
  shellParses?: ShellParseCache;
  /** Told of a rule that threw on this input; the other rules' findings are still returned. */
  onRuleError?: (rule: Rule, error: unknown) => void;
  /** A cap on the findings kept (the language server's diagnostics cap); every finding is kept without one. */
  budget?: FindingBudget;
}

/**
 * Room for findings by severity. A rule whose severity has no room left is not run (`skipped` is set); a finding
 * `admit` refuses is dropped (the budget counts it).
 */
export interface FindingBudget {
  hasRoom(severity: FindingSeverity): boolean;
  admit(severity: FindingSeverity): boolean;
  skipped: boolean;
}

/** Runs every enabled rule over one parsed Dockerfile. */
export function lintDockerfile(input: LintInput): Finding[] {
  return runToEnd(lintRuleByRule(input));
}

/** Drains a stepwise computation (see `lintRuleByRule`) without pausing. */
export function runToEnd<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) {
      return step.value;
    }
  }
}

/**
 * One lint of one document in parts: the context (and its shell parses) is built once and shared by the parts, so
 * the language server can publish the instruction-level rules' findings before the shell-level rules run.
 */
export class LintPass {
  readonly context: LintContext;
  private readonly settings: LintSettings;
  private readonly suppressions: Suppressions;
  /** Each finding's rule's place in the registry, which orders findings at the same position. */
  private readonly ranks = new WeakMap<Finding, number>();

  constructor(private readonly input: LintInput) {
    this.settings = input.settings ?? {};
    this.context = new LintContext(input.text, input.dockerfile, this.settings, input.dockerignore, input.shellParses);
    this.suppressions = readSuppressions(input.text, input.dockerfile);
  }

  /** Whether an enabled rule is of this level (none: the part has nothing to do). */
  hasRules(level: RuleLevel): boolean {
    return RULES.some((rule) => levelOf(rule) === level && ruleSetting(rule, this.settings) !== 'off');
  }

  /** The enabled rules of one level (all levels when undefined), pausing after each; returns their findings, sorted. */
  *rules(level?: RuleLevel): Generator<void, Finding[], void> {
    const findings: Finding[] = [];
    for (const [rank, rule] of RULES.entries()) {
      const severity = ruleSetting(rule, this.settings);
      if (severity !== 'off' && (level === undefined || levelOf(rule) === level)) {
        const budget = this.input.budget;
        if (budget && !budget.hasRoom(this.suppressions.checkErrors && rule.buildkit ? 'error' : severity)) {
          // None of its findings could be shown: the cap is reached for its severity.
          budget.skipped = true;
          continue;
        }
        const before = findings.length;
        // The rule's work stays out of the generator's body, which V8 optimises less well.
        runRule(rule, severity, this.context, this.suppressions, findings, this.input.onRuleError, budget);
        for (let index = before; index < findings.length; index++) {
          this.ranks.set(findings[index], rank);
        }
        yield;
      }
    }
    return this.sort(findings);
  }

  /** Findings of this pass in document order; at one position, in the registry's order of their rules, as one part with all rules gives. */
  sort(findings: Finding[]): Finding[] {
    return findings.sort(
      (a, b) =>
        a.range.start.line - b.range.start.line ||
        a.range.start.character - b.range.start.character ||
        (this.ranks.get(a) ?? 0) - (this.ranks.get(b) ?? 0),
    );
  }
}

/**
 * `lintDockerfile` one rule at a time: the generator pauses after each enabled rule, so a caller can let other
 * work run in between (the language server on long documents) or stop early, and returns the findings.
 */
export function lintRuleByRule(input: LintInput): Generator<void, Finding[], void> {
  return new LintPass(input).rules();
}

/** Adds one rule's findings on `context` that no pragma suppresses. */
function runRule(
  rule: Rule,
  severity: FindingSeverity,
  context: LintContext,
  suppressions: Suppressions,
  findings: Finding[],
  onRuleError: LintInput['onRuleError'],
  budget?: FindingBudget,
): void {
  let reports;
  try {
    reports = rule.check(context);
  } catch (error) {
    // A rule that trips over an input it did not foresee must not take the other rules down with it.
    onRuleError?.(rule, error);
    return;
  }
  for (const report of reports) {
    if (isSuppressed(suppressions, rule.code, report.range.start.line)) {
      continue;
    }
    // With `# check=error=true`, BuildKit fails the build on its own checks.
    const findingSeverity = suppressions.checkErrors && rule.buildkit ? 'error' : severity;
    if (budget && !budget.admit(findingSeverity)) {
      continue;
    }
    findings.push({
      code: rule.code,
      name: rule.name,
      severity: findingSeverity,
      message: report.message,
      range: report.range,
      source: 'dockside',
      ...(report.fixes && report.fixes.length > 0 ? { fixes: report.fixes } : {}),
    });
  }
}
