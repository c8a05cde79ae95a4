/**
 * Definition, references, highlight and rename for build stages and ARG/ENV variables, all answered from the
 * facts of the cached parse (see parse/facts.ts).
 */
import {
  DocumentHighlight,
  DocumentHighlightKind,
  Location,
  Position,
  Range,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { comparePositions, occurrenceAt, SymbolFact } from '../parse/facts';
import type { ParsedDocument } from '../parse/parsedDocument';

function symbolAt(parsed: ParsedDocument, position: Position): SymbolFact | undefined {
  const occurrence = occurrenceAt(parsed.facts, position);
  return occurrence && parsed.facts.symbols.get(occurrence.key);
}

/** The declaration in force at `position`: the last one before it, else the first one. */
export function definition(parsed: ParsedDocument, position: Position): Location | null {
  const symbol = symbolAt(parsed, position);
  if (!symbol || symbol.declarations.length === 0) {
    return null;
  }
  const before = symbol.declarations.filter((range) => comparePositions(range.start, position) <= 0);
  const range = before.at(-1) ?? symbol.declarations[0];
  return Location.create(parsed.uri, range);
}

function allRanges(symbol: SymbolFact, includeDeclaration: boolean): Range[] {
  const ranges = includeDeclaration ? [...symbol.declarations, ...symbol.references] : [...symbol.references];
  return ranges.sort((a, b) => comparePositions(a.start, b.start));
}

export function references(parsed: ParsedDocument, position: Position, includeDeclaration: boolean): Location[] {
  const symbol = symbolAt(parsed, position);
  return symbol ? allRanges(symbol, includeDeclaration).map((range) => Location.create(parsed.uri, range)) : [];
}

export function highlights(parsed: ParsedDocument, position: Position): DocumentHighlight[] {
  const symbol = symbolAt(parsed, position);
  if (!symbol) {
    return [];
  }
  return [
    ...symbol.declarations.map((range) => DocumentHighlight.create(range, DocumentHighlightKind.Write)),
    ...symbol.references.map((range) => DocumentHighlight.create(range, DocumentHighlightKind.Read)),
  ].sort((a, b) => comparePositions(a.range.start, b.range.start));
}

export function prepareRename(parsed: ParsedDocument, position: Position): { range: Range; placeholder: string } | null {
  const occurrence = occurrenceAt(parsed.facts, position);
  return occurrence ? { range: occurrence.range, placeholder: parsed.document.getText(occurrence.range) } : null;
}

const validNames = {
  stage: /^[a-zA-Z][a-zA-Z0-9_.-]*$/,
  variable: /^[a-zA-Z_][a-zA-Z0-9_]*$/,
};

export class InvalidNameError extends Error {}

/** Renames every occurrence of the symbol at `position`; throws InvalidNameError for a name BuildKit refuses. */
export function rename(parsed: ParsedDocument, position: Position, newName: string): WorkspaceEdit | null {
  const symbol = symbolAt(parsed, position);
  if (!symbol) {
    return null;
  }
  if (!validNames[symbol.kind].test(newName)) {
    throw new InvalidNameError(
      symbol.kind === 'stage'
        ? `"${newName}" is not a valid stage name: use letters, digits, '_', '.' and '-', starting with a letter.`
        : `"${newName}" is not a valid variable name: use letters, digits and '_', not starting with a digit.`,
    );
  }
  const edits = allRanges(symbol, true).map((range) => TextEdit.replace(range, newName));
  return { changes: { [parsed.uri]: edits } };
}
