/**
 * Features taken as they are from dockerfile-language-service. Each of its classes parses the text it is
 * given; the parser module answers that parse from the cache of the current version, so none re-parses.
 */
import { DockerFolding } from 'dockerfile-language-service/lib/dockerFolding';
import { DockerLinks } from 'dockerfile-language-service/lib/dockerLinks';
import { DockerSemanticTokens } from 'dockerfile-language-service/lib/dockerSemanticTokens';
import { DockerSignatures } from 'dockerfile-language-service/lib/dockerSignatures';
import {
  DocumentLink,
  FoldingRange,
  Position,
  SemanticTokenModifiers,
  SemanticTokens,
  SemanticTokensLegend,
  SemanticTokenTypes,
  SignatureHelp,
} from 'vscode-languageserver-protocol';
import type { ParsedDocument } from '../parse/parsedDocument';
import { requestWindow } from './requestWindow';

/**
 * The token types and modifiers DockerSemanticTokens emits, in its legend's order. All are standard LSP types:
 * keyword = instruction keywords and directive names, comment, parameter = flag names and directive values,
 * property = flag values and ENV/LABEL/ARG keys, namespace = image registry, class = image name and stage names,
 * macro = escape characters, string = quoted strings, variable = `$VAR`, operator = `=` and `:`/`@` in images,
 * modifier = image tag and digest.
 */
export const semanticTokensLegend: SemanticTokensLegend = {
  tokenTypes: [
    SemanticTokenTypes.keyword,
    SemanticTokenTypes.comment,
    SemanticTokenTypes.parameter,
    SemanticTokenTypes.property,
    SemanticTokenTypes.namespace,
    SemanticTokenTypes.class,
    SemanticTokenTypes.macro,
    SemanticTokenTypes.string,
    SemanticTokenTypes.variable,
    SemanticTokenTypes.operator,
    SemanticTokenTypes.modifier,
  ],
  tokenModifiers: [SemanticTokenModifiers.declaration, SemanticTokenModifiers.definition, SemanticTokenModifiers.deprecated],
};

/**
 * DockerSemanticTokens is quadratic in the length of one instruction (each token rescans the instruction's
 * variables): a 100,000-character RUN takes minutes. Instructions longer than this keep only their keyword
 * token (the grammar still colours the rest); the longest instruction in the real-world corpus is ~7,300.
 */
export const MAX_TOKENIZED_INSTRUCTION = 8000;

/** The text with the arguments of over-long instructions blanked out, newlines kept, so ranges are unchanged. */
function maskLongInstructions(parsed: ParsedDocument): string {
  const document = parsed.document;
  let masked: string | undefined;
  for (const instruction of parsed.instructions) {
    const start = document.offsetAt(instruction.getInstructionRange().end);
    const end = document.offsetAt(instruction.getRange().end);
    if (end - start > MAX_TOKENIZED_INSTRUCTION) {
      masked ??= parsed.text;
      masked = masked.slice(0, start) + masked.slice(start, end).replace(/[^\r\n]/g, ' ') + masked.slice(end);
    }
  }
  return masked ?? parsed.text;
}

export function semanticTokens(parsed: ParsedDocument): SemanticTokens {
  return new DockerSemanticTokens(maskLongInstructions(parsed)).computeSemanticTokens() as SemanticTokens;
}

export function foldingRanges(parsed: ParsedDocument, lineFoldingOnly: boolean, limit: number): FoldingRange[] {
  return new DockerFolding().computeFoldingRanges(parsed.text, lineFoldingOnly, limit) as FoldingRange[];
}

export function signatureHelp(parsed: ParsedDocument, position: Position): SignatureHelp | null {
  // DockerSignatures scans the whole document: give it the window around the cursor (signatures hold no ranges).
  const window = requestWindow(parsed, position);
  const help = new DockerSignatures().computeSignatures(window.document.getText(), window.position) as SignatureHelp;
  return help.signatures.length > 0 ? help : null;
}

const links = new DockerLinks();

/** Links from image names to their registry pages (Docker Hub, ghcr.io, quay.io, mcr…), resolved lazily. */
export function documentLinks(parsed: ParsedDocument): DocumentLink[] {
  // An image named through a build argument (`FROM ${BASE}`) has no page to link to.
  return (links.getLinks(parsed.text) as DocumentLink[]).filter((link) => !parsed.document.getText(link.range).includes('$'));
}

export function resolveDocumentLink(link: DocumentLink): DocumentLink {
  return links.resolveLink(link as Parameters<DockerLinks['resolveLink']>[0]) as DocumentLink;
}
