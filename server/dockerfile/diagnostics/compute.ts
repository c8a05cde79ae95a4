/**
 * The diagnostics of one document version: the syntax validator (corrected to agree with BuildKit, and without the
 * checks the linter's rules make, see ruleOwnedChecks.ts) plus the linter, in two parts (see DiagnosticPhases).
 */
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { DiagnosticBudget } from '../../diagnosticLimit';
import { LintPass, runToEnd, type Finding, type FindingBudget, type LintSettings, type ShellParseCache } from '../lint';
import type { ParsedDocument } from '../parse/parsedDocument';
import { findingToDiagnostic, severities } from './findings';
import { syntaxDiagnostics } from './syntax';

/** What the linter needs besides the document: the merged settings and the build context's `.dockerignore`. */
export interface LintOptions {
  settings: LintSettings;
  dockerignore?: readonly string[];
  /** The document's RUN script parses, kept between its lints. */
  shellParses?: ShellParseCache;
  /** Where a rule's documentation opens (see project/rulesDocument.ts); the findings' own links otherwise. */
  ruleLink?: (code: string) => string | undefined;
  /**
   * The diagnostics cap, applied while computing: diagnostics that could not be published are dropped as they are
   * found, and rules whose findings could not be are not run. Every diagnostic is kept without it.
   */
  budget?: DiagnosticBudget;
}

export type InternalErrorReporter = (stage: 'validator' | 'linter' | `rule ${string}`, error: unknown) => void;

/**
 * Never throws: a stage that fails on some input is reported through `onInternalError` and the other stage's
 * diagnostics are still returned.
 */
export function computeDiagnostics(
  parsed: ParsedDocument,
  lint: LintOptions,
  onInternalError: InternalErrorReporter = () => undefined,
): Diagnostic[] {
  const phases = new DiagnosticPhases(parsed, lint, onInternalError);
  const first = runToEnd(phases.first());
  return runToEnd(phases.full()) ?? first;
}

/**
 * `computeDiagnostics` with a pause before and after the validator and after each rule, for long documents: `between` is
 * awaited at each pause (the server lets pending requests run there) and stops the computation by resolving to
 * false, for a version already replaced. Resolves to undefined when stopped.
 */
export async function computeDiagnosticsInSteps(
  parsed: ParsedDocument,
  lint: LintOptions,
  onInternalError: InternalErrorReporter,
  between: () => Promise<boolean>,
): Promise<Diagnostic[] | undefined> {
  const phases = new DiagnosticPhases(parsed, lint, onInternalError);
  const first = await runInSteps(phases.first(), between);
  if (first === undefined) {
    return undefined;
  }
  const full = await runInSteps(phases.full(), between);
  return full === null ? first : full;
}

/** Runs a stepwise computation, awaiting `between` at each pause; undefined when `between` stops it. */
export async function runInSteps<T>(steps: Generator<void, T, void>, between: () => Promise<boolean>): Promise<T | undefined> {
  for (;;) {
    const step = steps.next();
    if (step.done) {
      return step.value;
    }
    if (!(await between())) {
      return undefined;
    }
  }
}

/**
 * One document version's diagnostics in two parts. `first`: the validator and the instruction-level rules, which
 * need no shell parse; `full`: the same with the shell-level rules' findings added, in the order one pass over
 * every rule gives. The language server publishes the first part at once and the full list after it.
 */
export class DiagnosticPhases {
  private validator: Diagnostic[] = [];
  private instructionFindings: Finding[] = [];
  private pass: LintPass | undefined;

  constructor(
    private readonly parsed: ParsedDocument,
    private readonly lint: LintOptions,
    private readonly onInternalError: InternalErrorReporter,
  ) {}

  /** The validator's diagnostics and the instruction-level rules' findings, pausing before and after the validator and after each rule. */
  *first(): Generator<void, Diagnostic[], void> {
    // Requests waiting for the parse (done by now) go first; the validator alone takes a few hundred milliseconds on 50,000 lines.
    yield;
    this.validator = validatorDiagnostics(this.parsed, this.onInternalError, this.lint.budget);
    yield;
    try {
      this.pass = new LintPass({
        text: this.parsed.text,
        dockerfile: this.parsed.dockerfile,
        settings: this.lint.settings,
        dockerignore: this.lint.dockerignore,
        shellParses: this.lint.shellParses,
        onRuleError: (rule, error) => this.onInternalError(`rule ${rule.code} ${rule.name}`, error),
        budget: this.lint.budget && findingBudget(this.lint.budget),
      });
      this.instructionFindings = yield* this.pass.rules('instruction');
    } catch (error) {
      this.onInternalError('linter', error);
      this.pass = undefined;
    }
    return withFindings(this.validator, this.instructionFindings, this.lint.ruleLink);
  }

  /** Whether `full` may add something: a shell-level rule is enabled. */
  get hasMore(): boolean {
    return this.pass !== undefined && this.pass.hasRules('shell');
  }

  /**
   * After `first`: every diagnostic, with the shell-level rules' findings, pausing after each rule; null when there
   * is nothing to add (the first part is the full list).
   */
  *full(): Generator<void, Diagnostic[] | null, void> {
    const pass = this.pass;
    if (!pass || !this.hasMore) {
      return null;
    }
    try {
      const shellFindings = yield* pass.rules('shell');
      if (shellFindings.length === 0) {
        return null;
      }
      return withFindings(this.validator, pass.sort([...this.instructionFindings, ...shellFindings]), this.lint.ruleLink);
    } catch (error) {
      this.onInternalError('linter', error);
      return null;
    }
  }
}

// The work itself stays out of the generators' bodies, which V8 optimises less well.

function validatorDiagnostics(parsed: ParsedDocument, onInternalError: InternalErrorReporter, budget: DiagnosticBudget | undefined): Diagnostic[] {
  try {
    const diagnostics = syntaxDiagnostics(parsed.text, (diagnostic) => parsed.document.getText(diagnostic.range));
    return budget ? diagnostics.filter((diagnostic) => budget.admit(diagnostic.severity)) : diagnostics;
  } catch (error) {
    onInternalError('validator', error);
    return [];
  }
}

function withFindings(validator: readonly Diagnostic[], findings: readonly Finding[], link: LintOptions['ruleLink']): Diagnostic[] {
  const diagnostics = validator.slice();
  for (const finding of findings) {
    diagnostics.push(findingToDiagnostic(finding, link));
  }
  return diagnostics;
}

/** The diagnostics cap as the linter sees it: by finding severity. */
function findingBudget(budget: DiagnosticBudget): FindingBudget {
  return {
    hasRoom: (severity) => budget.hasRoom(severities[severity]),
    admit: (severity) => budget.admit(severities[severity]),
    get skipped() {
      return budget.skipped;
    },
    set skipped(value: boolean) {
      budget.skipped = value;
    },
  };
}
