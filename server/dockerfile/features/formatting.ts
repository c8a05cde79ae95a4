/**
 * Formatting (document, range, on type) by dockerfile-utils' formatter over the cached parse, without its edits
 * to continuation lines whose indentation the builder reads as content: inside a quoted string, or in a value
 * that is the rest of the instruction (see parse/contentIndentation.ts).
 */
import { format, formatOnType, formatRange, FormatterSettings } from 'dockerfile-utils';
import type { FormattingOptions, Position, Range, TextEdit } from 'vscode-languageserver-protocol';
import type { ParsedDocument } from '../parse/parsedDocument';
import { linesWhoseIndentationIsContent } from '../parse/contentIndentation';
import type { DockerfileSettings } from '../../settings';

function formatterSettings(options: FormattingOptions, settings: DockerfileSettings): FormatterSettings {
  return { ...options, ignoreMultilineInstructions: settings.format.ignoreMultilineInstructions };
}

/** The edits that change nothing the builder reads. */
function keepingStrings(parsed: ParsedDocument, edits: TextEdit[]): TextEdit[] {
  if (edits.length === 0) {
    return edits;
  }
  const kept = linesWhoseIndentationIsContent(parsed.dockerfile, parsed.document);
  return kept.size === 0 ? edits : edits.filter((edit) => !kept.has(edit.range.start.line) && !kept.has(edit.range.end.line));
}

export function formatDocument(parsed: ParsedDocument, options: FormattingOptions, settings: DockerfileSettings): TextEdit[] {
  return keepingStrings(parsed, format(parsed.text, formatterSettings(options, settings)));
}

export function formatDocumentRange(
  parsed: ParsedDocument,
  range: Range,
  options: FormattingOptions,
  settings: DockerfileSettings,
): TextEdit[] {
  return keepingStrings(parsed, formatRange(parsed.text, range, formatterSettings(options, settings)));
}

/** The characters after which the client should ask for on-type formatting (a line continuation). */
export const onTypeTriggers = ['\\', '`'];

export function formatOnTypedCharacter(
  parsed: ParsedDocument,
  position: Position,
  character: string,
  options: FormattingOptions,
  settings: DockerfileSettings,
): TextEdit[] {
  return keepingStrings(parsed, formatOnType(parsed.text, position, character, formatterSettings(options, settings)));
}
