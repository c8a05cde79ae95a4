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
  Range,
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

/** Instructions whose arguments (after their flags) are a shell command line or an exec-form JSON array. */
const commandInstructions = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

/**
 * Where the grammar embeds the shell (or JSON): from the first argument after the flags (after `CMD` for
 * HEALTHCHECK) to the end of the instruction, as [start, end) offsets.
 */
function commandRegions(parsed: ParsedDocument): Array<[number, number]> {
  const regions: Array<[number, number]> = [];
  for (const instruction of parsed.instructions) {
    if (!commandInstructions.has(instruction.getKeyword())) {
      continue;
    }
    const args = instruction.getArguments();
    const first = instruction.getKeyword() === 'HEALTHCHECK' ? args[1] : args[0];
    if (first) {
      regions.push([parsed.document.offsetAt(first.getRange().start), parsed.document.offsetAt(instruction.getRange().end)]);
    }
  }
  return regions;
}

/**
 * The library tokenizes a RUN or CMD command line word by word as parameters, which would repaint the
 * shell the grammar highlights inside it (commands, strings, operators, variables) in one colour. Inside
 * those regions only comments are kept; the grammar's embedded shell and JSON colour the rest. A token that
 * does not start after the previous one is dropped: around a stray `\ \` line the library emits a variable
 * twice, or a token a line back, and tokens must come in order without overlapping.
 */
function withoutCommandTokens(parsed: ParsedDocument, tokens: SemanticTokens): SemanticTokens {
  const regions = commandRegions(parsed);
  const commentType = semanticTokensLegend.tokenTypes.indexOf(SemanticTokenTypes.comment);
  const data = tokens.data;
  const kept: number[] = [];
  let line = 0;
  let character = 0;
  let lastLine = 0;
  let lastCharacter = 0;
  let lastEnd = 0;
  let region = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    character = data[i] === 0 ? character + data[i + 1] : data[i + 1];
    const offset = parsed.document.offsetAt({ line, character });
    while (region < regions.length && regions[region][1] <= offset) {
      region++;
    }
    const inside = region < regions.length && regions[region][0] <= offset;
    const overlapping = kept.length > 0 && (line < lastLine || (line === lastLine && character < lastEnd));
    if ((inside && data[i + 3] !== commentType) || overlapping) {
      continue;
    }
    kept.push(line - lastLine, line === lastLine ? character - lastCharacter : character, data[i + 2], data[i + 3], data[i + 4]);
    lastLine = line;
    lastCharacter = character;
    lastEnd = character + data[i + 2];
  }
  return { ...tokens, data: kept };
}

type CreateToken = (this: DockerSemanticTokens, instruction: unknown, range: Range, ...rest: unknown[]) => void;
let tokenGuardInstalled = false;

/**
 * DockerSemanticTokens.createToken splits a token at escaped newlines by calling itself on the part after
 * each; on a comment line inside a continued instruction followed by a blank line (`ENV A 1 \`, `# note`, ``)
 * that part is the whole token again, and the recursion overflows the stack: the request failed and the file
 * lost all its tokens. A call made from within a call with the same arguments would repeat it forever; it now
 * returns, and that comment gets no token (the grammar colours it).
 */
function installTokenGuard(): void {
  if (tokenGuardInstalled) {
    return;
  }
  tokenGuardInstalled = true;
  const prototype = DockerSemanticTokens.prototype as unknown as { createToken: CreateToken };
  const createToken = prototype.createToken;
  // The calls in progress, innermost last.
  const calls: { instruction: unknown; range: Range; rest: unknown[] }[] = [];
  prototype.createToken = function (this: DockerSemanticTokens, instruction, range, ...rest) {
    const enclosing = calls.at(-1);
    if (enclosing && enclosing.instruction === instruction && sameRange(enclosing.range, range) && enclosing.rest.every((argument, index) => argument === rest[index])) {
      return;
    }
    calls.push({ instruction, range, rest });
    try {
      createToken.call(this, instruction, range, ...rest);
    } finally {
      calls.pop();
    }
  };
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

export function semanticTokens(parsed: ParsedDocument): SemanticTokens {
  installTokenGuard();
  const tokens = new DockerSemanticTokens(maskLongInstructions(parsed)).computeSemanticTokens() as SemanticTokens;
  return withoutCommandTokens(parsed, tokens);
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
