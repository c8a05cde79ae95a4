/** Definition, references, highlights and rename of the names in symbolIndex.ts. */
import { DocumentHighlight, DocumentHighlightKind, Location, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { ComposeAnalysis } from '../analysis';
import { occurrenceAt, symbolIndex, type SymbolOccurrence } from './symbolIndex';

export class InvalidNameError extends Error {}

const VALID_NAME: Record<string, RegExp> = {
  service: /^[a-zA-Z0-9._-]+$/,
  network: /^[a-zA-Z0-9._-]+$/,
  volume: /^[a-zA-Z0-9._-]+$/,
  secret: /^[a-zA-Z0-9._-]+$/,
  config: /^[a-zA-Z0-9._-]+$/,
  model: /^[a-zA-Z0-9._-]+$/,
  anchor: /^[^\s,[\]{}]+$/,
};

function at(analysis: ComposeAnalysis, position: Position): SymbolOccurrence | undefined {
  return occurrenceAt(analysis, analysis.document.textDocument.offsetAt(position));
}

function same(analysis: ComposeAnalysis, occurrence: SymbolOccurrence): SymbolOccurrence[] {
  return symbolIndex(analysis).filter((other) => other.kind === occurrence.kind && other.name === occurrence.name);
}

function rangeOf(analysis: ComposeAnalysis, occurrence: SymbolOccurrence): Range {
  return analysis.document.range(occurrence.start, occurrence.end);
}

export function definition(analysis: ComposeAnalysis, position: Position): Location[] | null {
  const occurrence = at(analysis, position);
  if (!occurrence) {
    return null;
  }
  const declarations = same(analysis, occurrence).filter((other) => other.declaration);
  return declarations.length > 0 ? declarations.map((declaration) => Location.create(analysis.document.uri, rangeOf(analysis, declaration))) : null;
}

export function references(analysis: ComposeAnalysis, position: Position, includeDeclaration: boolean): Location[] | null {
  const occurrence = at(analysis, position);
  if (!occurrence) {
    return null;
  }
  return same(analysis, occurrence)
    .filter((other) => includeDeclaration || !other.declaration)
    .map((other) => Location.create(analysis.document.uri, rangeOf(analysis, other)));
}

export function highlights(analysis: ComposeAnalysis, position: Position): DocumentHighlight[] | null {
  const occurrence = at(analysis, position);
  if (!occurrence) {
    return null;
  }
  return same(analysis, occurrence).map((other) =>
    DocumentHighlight.create(rangeOf(analysis, other), other.declaration ? DocumentHighlightKind.Write : DocumentHighlightKind.Read),
  );
}

export function prepareRename(analysis: ComposeAnalysis, position: Position): { range: Range; placeholder: string } | null {
  const occurrence = at(analysis, position);
  return occurrence ? { range: rangeOf(analysis, occurrence), placeholder: occurrence.name } : null;
}

export function rename(analysis: ComposeAnalysis, position: Position, newName: string): WorkspaceEdit | null {
  const occurrence = at(analysis, position);
  if (!occurrence) {
    return null;
  }
  if (!VALID_NAME[occurrence.kind].test(newName)) {
    throw new InvalidNameError(`"${newName}" is not a valid ${occurrence.kind} name.`);
  }
  const edits = same(analysis, occurrence).map((other) => TextEdit.replace(rangeOf(analysis, other), newName));
  return { changes: { [analysis.document.uri]: edits } };
}
