/**
 * Hover: documentation of instructions, flags and directives (dockerfile-language-service's texts, looked up
 * on the one instruction under the cursor instead of a fresh parse, and ours for the BuildKit flags and the
 * `check` directive it does not know), variables with their resolved value, stages, and facts of the local
 * image named by a FROM.
 */
import { Arg, Env, From, ModifiableInstruction } from 'dockerfile-ast';
import { DockerHover } from 'dockerfile-language-service/lib/dockerHover';
import { MarkdownDocumentation } from 'dockerfile-language-service/lib/dockerMarkdown';
import { PlainTextDocumentation } from 'dockerfile-language-service/lib/dockerPlainText';
import { Diagnostic, Hover, MarkupKind, Position } from 'vscode-languageserver-protocol';
import { occurrenceAt, rangeContains } from '../parse/facts';
import type { ParsedDocument } from '../parse/parsedDocument';
import type { LocalImage } from '../../protocol';
import { diagnosticDocumentation } from './diagnosticHover';
import { flagSpec } from '../lint/buildkitFlags';
import { describeImage, findLocalImage } from './localImages';

const markdown = new MarkdownDocumentation();
// computeHoverKey is private in the typings but is the library's own mapping from a position to a documentation key.
type HoverKeyView = { getDirectives(): unknown[]; getContainingImage(): { getInstructions(): unknown[] } };
const libraryHover = new DockerHover(markdown, new PlainTextDocumentation()) as unknown as {
  computeHoverKey(dockerfile: HoverKeyView, position: Position): string | null;
};

function markdownHover(value: string): Hover {
  return { contents: { kind: MarkupKind.Markdown, value } };
}

function documentationKey(parsed: ParsedDocument, position: Position): string | null {
  const instruction = parsed.instructionAt(position);
  // computeHoverKey reads the directives and the instructions of the stage under the cursor; give it only the
  // instruction under the cursor so a hover costs the same on a 50,000-line file as on a 5-line one.
  const view: HoverKeyView = {
    getDirectives: () => parsed.dockerfile.getDirectives(),
    getContainingImage: () => ({ getInstructions: () => (instruction ? [instruction] : []) }),
  };
  return libraryHover.computeHoverKey(view, position);
}

/** The value an ARG or ENV declaration under the cursor assigns (null for `ARG NAME` without a default). */
function declaredValue(parsed: ParsedDocument, position: Position): string | null {
  const instruction = parsed.instructionAt(position);
  const properties = instruction instanceof Arg ? [instruction.getProperty()] : instruction instanceof Env ? instruction.getProperties() : [];
  const property = properties.find((candidate) => candidate && rangeContains(candidate.getNameRange(), position));
  return property?.getValue() ?? null;
}

function symbolHover(parsed: ParsedDocument, position: Position): Hover | null {
  const instruction = parsed.instructionAt(position);
  if (!instruction) {
    return null;
  }
  const facts = parsed.factsThrough(instruction);
  const occurrence = occurrenceAt(facts, position);
  const symbol = occurrence && facts.symbols.get(occurrence.key);
  if (!occurrence || !symbol) {
    return null;
  }
  if (symbol.kind === 'stage') {
    const stage = facts.stages.find((candidate) => candidate.name?.toLowerCase() === symbol.name.toLowerCase());
    return stage ? markdownHover(`**Build stage** \`${stage.name}\` (#${stage.index}) \`FROM ${stage.from.getImage() ?? ''}\``) : null;
  }
  const value = occurrence.declaration
    ? declaredValue(parsed, position)
    : parsed.dockerfile.resolveVariable(symbol.name, occurrence.range.start.line);
  if (value === undefined || value === null) {
    return markdownHover(`\`${symbol.name}\` has no value here`);
  }
  return markdownHover(`\`${symbol.name}\` = \`${value}\``);
}

function imageHover(parsed: ParsedDocument, position: Position, images: readonly LocalImage[]): Hover | null {
  const instruction = parsed.instructionAt(position);
  if (!(instruction instanceof From)) {
    return null;
  }
  const range = instruction.getImageRange();
  const name = instruction.getImageName();
  if (!range || !name || !rangeContains(range, position)) {
    return null;
  }
  const image = findLocalImage(images, name, instruction.getImageTag());
  return image ? markdownHover(describeImage(image)) : null;
}

const CHECK_DIRECTIVE =
  "BuildKit's build checks for this file: `skip=` a comma-separated list of checks to leave out (`skip=JSONArgsRecommended,StageNameCasing`, or `skip=all`), and `error=true` to fail the build on any check violation; separate the two with `;`.\n\n```\n# check=skip=JSONArgsRecommended;error=true\n```";

/** The `check` parser directive, which the library does not document. */
function checkDirectiveHover(parsed: ParsedDocument, position: Position): Hover | null {
  const directive = parsed.dockerfile.getDirectives().find((candidate) => rangeContains(candidate.getRange(), position));
  // dockerfile-ast names only the directives it knows (syntax, escape): the name is read from the text.
  return directive && /^#\s*check\s*=/i.test(parsed.document.getText(directive.getRange())) ? markdownHover(CHECK_DIRECTIVE) : null;
}

/** A BuildKit flag of RUN, COPY or ADD the library does not document (`RUN --mount`, `COPY --link`…). */
function flagHover(parsed: ParsedDocument, position: Position): Hover | null {
  const instruction = parsed.instructionAt(position);
  if (!(instruction instanceof ModifiableInstruction)) {
    return null;
  }
  const flag = instruction.getFlags().find((candidate) => rangeContains(candidate.getRange(), position));
  const spec = flag && flagSpec(instruction.getKeyword(), flag.getName());
  return spec ? markdownHover(`**--${spec.name}**: ${spec.detail}\n\n${spec.documentation}`) : null;
}

function documentHover(parsed: ParsedDocument, position: Position, images: readonly LocalImage[]): Hover | null {
  const key = documentationKey(parsed, position);
  if (key) {
    const documentation = markdown.getMarkdown(key) as { contents?: unknown } | undefined;
    if (typeof documentation?.contents === 'string') {
      return markdownHover(documentation.contents);
    }
  }
  return checkDirectiveHover(parsed, position) ?? flagHover(parsed, position) ?? symbolHover(parsed, position) ?? imageHover(parsed, position, images);
}

/**
 * The documentation of the linter's rules reported under the cursor (from `diagnostics`, the ones published for
 * this version), then the hover of the instruction, variable, stage or image there.
 */
export function hover(parsed: ParsedDocument, position: Position, images: readonly LocalImage[], diagnostics: readonly Diagnostic[] = []): Hover | null {
  const rules = diagnosticDocumentation(diagnostics, position);
  const base = documentHover(parsed, position, images);
  if (!rules) {
    return base;
  }
  const baseText = base && typeof base.contents === 'object' && 'kind' in base.contents ? base.contents.value : undefined;
  return markdownHover(baseText ? `${rules}\n\n---\n\n${baseText}` : rules);
}
