/** Formatting (document, range, on type) by dockerfile-utils' formatter over the cached parse. */
import { format, formatOnType, formatRange, FormatterSettings } from 'dockerfile-utils';
import type { FormattingOptions, Position, Range, TextEdit } from 'vscode-languageserver-protocol';
import type { ParsedDocument } from '../parse/parsedDocument';
import type { DockerfileSettings } from '../settings';

function formatterSettings(options: FormattingOptions, settings: DockerfileSettings): FormatterSettings {
  return { ...options, ignoreMultilineInstructions: settings.format.ignoreMultilineInstructions };
}

export function formatDocument(parsed: ParsedDocument, options: FormattingOptions, settings: DockerfileSettings): TextEdit[] {
  return format(parsed.text, formatterSettings(options, settings));
}

export function formatDocumentRange(
  parsed: ParsedDocument,
  range: Range,
  options: FormattingOptions,
  settings: DockerfileSettings,
): TextEdit[] {
  return formatRange(parsed.text, range, formatterSettings(options, settings));
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
  return formatOnType(parsed.text, position, character, formatterSettings(options, settings));
}
