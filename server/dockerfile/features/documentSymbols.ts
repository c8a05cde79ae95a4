/** Document symbols: global ARGs, then each build stage with its instructions as children. */
import { Arg, From, Instruction } from 'dockerfile-ast';
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver-protocol';
import type { ParsedDocument } from '../parse/parsedDocument';

const DETAIL_LENGTH = 60;

function detailOf(parsed: ParsedDocument, instruction: Instruction): string {
  const args = instruction.getArguments();
  if (args.length === 0) {
    return '';
  }
  const text = parsed.document
    .getText({ start: args[0].getRange().start, end: args[args.length - 1].getRange().end })
    .replace(/\s+/g, ' ');
  return text.length > DETAIL_LENGTH ? `${text.slice(0, DETAIL_LENGTH - 1)}…` : text;
}

function instructionSymbol(parsed: ParsedDocument, instruction: Instruction): DocumentSymbol {
  const isArg = instruction instanceof Arg;
  const property = isArg ? instruction.getProperty() : null;
  return DocumentSymbol.create(
    property ? property.getName() : instruction.getKeyword(),
    property ? 'ARG' : detailOf(parsed, instruction),
    property ? SymbolKind.Variable : SymbolKind.Function,
    instruction.getRange(),
    property ? property.getNameRange() : instruction.getInstructionRange(),
  );
}

function stageSymbol(from: From, index: number, children: DocumentSymbol[]): DocumentSymbol {
  const name = from.getBuildStage();
  const image = from.getImage() ?? '';
  const range = { start: from.getRange().start, end: children.at(-1)?.range.end ?? from.getRange().end };
  return DocumentSymbol.create(
    name ?? `stage ${index}`,
    image,
    SymbolKind.Module,
    range,
    from.getBuildStageRange() ?? from.getInstructionRange(),
    children,
  );
}

export function documentSymbols(parsed: ParsedDocument): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  let stage: { from: From; children: DocumentSymbol[] } | undefined;
  let index = 0;
  const closeStage = (): void => {
    if (stage) {
      symbols.push(stageSymbol(stage.from, index++, stage.children));
    }
  };
  for (const instruction of parsed.instructions) {
    if (instruction instanceof From) {
      closeStage();
      stage = { from: instruction, children: [] };
    } else if (stage) {
      stage.children.push(instructionSymbol(parsed, instruction));
    } else {
      symbols.push(instructionSymbol(parsed, instruction));
    }
  }
  closeStage();
  return symbols;
}
