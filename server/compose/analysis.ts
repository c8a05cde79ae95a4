/**
 * Everything the Compose features derive from one version of a document, computed once: its parse, its project
 * (the files merged with it and its variables), its data after interpolation, and its diagnostics.
 */
import { Diagnostic, DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver';
import { filePath } from '../fileUri';
import type { ComposeDocument, Path } from './parse/composeDocument';
import { interpolateModel, pointer, touchesUnknown, type InterpolatedModel } from './parse/interpolatedModel';
import { composeProject, type ProjectFacts } from './project/composeProject';
import type { FileSource } from './project/files';
import { composeRules } from './diagnostics/rules';
import type { RuleContext, RuleProblem } from './diagnostics/rules/rule';
import { schemaProblems } from './diagnostics/schema';

export const DIAGNOSTIC_SOURCE = 'dockside-compose';

export interface ComposeAnalysis {
  document: ComposeDocument;
  /** The file's path, when it is on disk. */
  file?: string;
  model: InterpolatedModel;
  project: ProjectFacts;
  diagnostics: Diagnostic[];
}

/** What a Compose diagnostic carries for its quick fixes. */
export interface ComposeDiagnosticData {
  suggestion?: string;
  name?: string;
  candidates?: string[];
}

export function analyze(
  document: ComposeDocument,
  files: FileSource,
  environment: Readonly<Record<string, string | undefined>>,
  envFiles: readonly string[] = [],
): ComposeAnalysis {
  const file = filePath(document.uri);
  const value = document.value;
  const project = file
    ? composeProject(file, value, files, environment, envFiles)
    : composeProject('/untitled/compose.yaml', value, { read: () => undefined, exists: () => false }, environment);
  const model = interpolateModel(value, project.lookup);
  const analysis: ComposeAnalysis = { document, file, model, project, diagnostics: [] };
  analysis.diagnostics = diagnose(analysis);
  return analysis;
}

function diagnose(analysis: ComposeAnalysis): Diagnostic[] {
  const { document, model, project } = analysis;
  const diagnostics: Diagnostic[] = [];
  for (const problem of document.syntax) {
    diagnostics.push({
      range: document.range(problem.start, problem.end),
      severity: DiagnosticSeverity.Error,
      source: DIAGNOSTIC_SOURCE,
      code: problem.code === 'DUPLICATE_KEY' ? 'compose-duplicate-key' : 'compose-yaml-syntax',
      message: problem.code === 'DUPLICATE_KEY' ? `Duplicate key "${document.text.slice(problem.start, problem.end).trim()}": Compose rejects a key given twice in one mapping.` : problem.message,
    });
  }
  // Past a syntax error the data is a guess: judging it would only add noise.
  const value = document.value;
  if (document.syntax.some((problem) => problem.code !== 'DUPLICATE_KEY') || value === null || value === undefined) {
    return diagnostics;
  }
  for (const { path, problem } of model.problems) {
    const range = rangeInString(document, path, problem.start, problem.end);
    diagnostics.push({
      range,
      severity: problem.kind === 'required' ? DiagnosticSeverity.Information : DiagnosticSeverity.Error,
      source: DIAGNOSTIC_SOURCE,
      code: problem.kind === 'required' ? 'compose-required-variable' : 'compose-interpolation',
      message: problem.message,
    });
  }
  const invalidTemplates = new Set(model.problems.filter((entry) => entry.problem.kind === 'invalid').map((entry) => pointer(entry.path)));
  const skip = (at: string, keyword: string): boolean =>
    touchesUnknown(model, at) || invalidTemplates.has(at) || (keyword === 'type' && model.interpolated.has(at));
  for (const problem of schemaProblems(model.value, skip)) {
    diagnostics.push({
      range: document.rangeAt(problem.path, problem.on),
      severity: DiagnosticSeverity.Error,
      source: DIAGNOSTIC_SOURCE,
      code: problem.code,
      message: problem.message,
      data: problem.suggestion ? ({ suggestion: problem.suggestion } satisfies ComposeDiagnosticData) : undefined,
    });
  }
  const report = (problem: RuleProblem): void => {
    diagnostics.push({
      range: document.rangeAt(problem.path, problem.on ?? 'value'),
      severity: problem.severity ?? DiagnosticSeverity.Error,
      source: DIAGNOSTIC_SOURCE,
      code: problem.code,
      message: problem.message,
      tags: problem.code === 'compose-obsolete-version' ? [DiagnosticTag.Deprecated] : undefined,
      data: problem.data satisfies ComposeDiagnosticData | undefined,
    });
  };
  const context: RuleContext = {
    document,
    model,
    project,
    isUnknown: (path: Path) => touchesUnknown(model, pointer(path)) || invalidTemplates.has(pointer(path)),
    report,
  };
  for (const rule of composeRules) {
    if (rule.needsProject && !project.complete) {
      continue;
    }
    try {
      rule.check(context);
    } catch {
      // A rule meeting data of a shape it did not expect says nothing rather than stopping the others.
    }
  }
  return diagnostics;
}

/** The range of `start..end` inside the string value at `path`, when the source shows it as written; else the value. */
function rangeInString(document: ComposeDocument, path: Path, start: number, end: number) {
  const located = document.locate(path);
  const node = located.node;
  if (node?.range && located.exact) {
    const source = document.text.slice(node.range[0], node.range[1]);
    const value = (node as { value?: unknown }).value;
    if (typeof value === 'string') {
      const fragment = value.slice(start, end);
      const at = source.indexOf(fragment);
      if (fragment && at >= 0 && source.indexOf(fragment, at + 1) < 0) {
        return document.range(node.range[0] + at, node.range[0] + at + fragment.length);
      }
    }
  }
  return document.rangeAt(path);
}
