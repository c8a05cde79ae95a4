/** What a Compose rule sees and how it reports: one rule per module, listed in `rules/index.ts`. */
import type { DiagnosticSeverity } from 'vscode-languageserver';
import type { ComposeDocument, Path } from '../../parse/composeDocument';
import type { InterpolatedModel } from '../../parse/interpolatedModel';
import type { ProjectFacts } from '../../project/composeProject';

export interface RuleProblem {
  path: Path;
  on?: 'key' | 'value';
  message: string;
  code: string;
  severity?: DiagnosticSeverity;
  /** For references: the name used and the names that would be valid (the quick fix picks the closest). */
  data?: { name?: string; candidates?: string[]; suggestion?: string };
}

export interface RuleContext {
  document: ComposeDocument;
  /** The document's data after interpolation. */
  model: InterpolatedModel;
  project: ProjectFacts;
  /** Whether a value depends on a variable the editor cannot know (such values are never judged). */
  isUnknown(path: Path): boolean;
  report(problem: RuleProblem): void;
}

export interface ComposeRule {
  code: string;
  /** Rules about references between parts of the project run only when all its files were found. */
  needsProject?: boolean;
  check(context: RuleContext): void;
}

export type Plain = Record<string, unknown>;

export function isRecord(value: unknown): value is Plain {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** Each service of the document, with its name and data. */
export function services(context: RuleContext): [string, Plain][] {
  const root = context.model.value;
  const all = isRecord(root) ? root.services : undefined;
  return isRecord(all) ? Object.entries(all).filter((entry): entry is [string, Plain] => isRecord(entry[1])) : [];
}
