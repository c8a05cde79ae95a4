/**
 * Completion. What dockerfile-language-service's DockerAssist already proposes well (instructions, flags,
 * directive names, `$`/`${` variables, stage names after `--from=`) comes from it, run on the cached document
 * and parse. Added here: local images and their tags after `FROM` (from the extension host, never from a
 * registry), earlier stage names after `FROM`, and parser directive values.
 */
import { DockerAssist } from 'dockerfile-language-service/lib/dockerAssist';
import {
  CompletionItem,
  CompletionItemKind,
  InsertTextFormat,
  Position,
  Range,
  TextEdit,
} from 'vscode-languageserver-protocol';
import type { ClientCapabilities } from 'vscode-languageserver-protocol';
import type { ParsedDocument } from '../parse/parsedDocument';
import type { LocalImage } from '../protocol';
import { formatSize, repositories, tagsOf } from './localImages';
import { requestWindow, shiftRanges } from './requestWindow';

type CompletionCapabilities = NonNullable<NonNullable<ClientCapabilities['textDocument']>['completion']>['completionItem'];

const fromImage = /^\s*from\s+(?:--\S+\s+)*([^\s:@]*)$/i;
const fromTag = /^\s*from\s+(?:--\S+\s+)*([^\s:@]+):([^\s@]*)$/i;
const directiveValue = /^#\s*(escape|syntax|check)\s*=\s*(\S*)$/i;

const directiveValues: Record<string, { value: string; detail: string }[]> = {
  escape: [
    { value: '\\', detail: 'backslash (default)' },
    { value: '`', detail: 'backtick (Windows paths)' },
  ],
  syntax: [
    { value: 'docker/dockerfile:1', detail: 'latest stable Dockerfile syntax 1.x' },
    { value: 'docker/dockerfile:1-labs', detail: 'Dockerfile syntax with experimental features' },
  ],
  check: [
    { value: 'skip=all', detail: 'skip every build check' },
    { value: 'error=true', detail: 'fail the build on a check violation' },
  ],
};

function replacing(position: Position, prefixLength: number): Range {
  return { start: { line: position.line, character: position.character - prefixLength }, end: position };
}

function item(label: string, kind: CompletionItemKind, detail: string, range: Range, sortText?: string): CompletionItem {
  return { label, kind, detail, textEdit: TextEdit.replace(range, label), insertTextFormat: InsertTextFormat.PlainText, sortText };
}

function directiveItems(parsed: ParsedDocument, position: Position, linePrefix: string): CompletionItem[] | undefined {
  const match = directiveValue.exec(linePrefix);
  const first = parsed.instructions[0];
  if (!match || (first && first.getRange().start.line <= position.line)) {
    return undefined;
  }
  const range = replacing(position, match[2].length);
  return (directiveValues[match[1].toLowerCase()] ?? [])
    .filter((entry) => entry.value.startsWith(match[2]))
    .map((entry) => item(entry.value, CompletionItemKind.Value, entry.detail, range));
}

function fromItems(parsed: ParsedDocument, position: Position, linePrefix: string, images: readonly LocalImage[]): CompletionItem[] | undefined {
  const tag = fromTag.exec(linePrefix);
  if (tag) {
    const range = replacing(position, tag[2].length);
    return images
      .filter((image) => tagsOf([image], tag[1]).length > 0 && image.tag.startsWith(tag[2]))
      .map((image) => item(image.tag, CompletionItemKind.Value, `local image, ${formatSize(image.size)}`, range));
  }
  const name = fromImage.exec(linePrefix);
  if (!name || name[1].startsWith('-')) {
    return undefined;
  }
  const prefix = name[1];
  const range = replacing(position, prefix.length);
  const items: CompletionItem[] = [];
  // The stages opened up to this FROM, without reading every variable of a long file just edited.
  const instruction = parsed.instructionAt(position);
  for (const stage of (instruction ? parsed.factsThrough(instruction) : parsed.facts).stages) {
    if (stage.name && stage.from.getRange().start.line < position.line && stage.name.startsWith(prefix)) {
      items.push(item(stage.name, CompletionItemKind.Reference, `build stage #${stage.index}`, range, `0${stage.name}`));
    }
  }
  for (const [repository, tagged] of repositories(images)) {
    if (repository.startsWith(prefix)) {
      const tags = tagged.map((image) => image.tag).join(', ');
      items.push(item(repository, CompletionItemKind.Module, `local image (${tags})`, range, `1${repository}`));
    }
  }
  if (prefix === '' || '--platform'.startsWith(prefix)) {
    items.push({
      label: '--platform',
      kind: CompletionItemKind.Field,
      detail: 'platform of the base image, e.g. linux/amd64',
      textEdit: TextEdit.replace(range, '--platform='),
      sortText: '2--platform',
    });
  }
  return items;
}

/** Tags for the library's FROM tag proposals come from local images only: the server never goes online. */
function localTagSource(images: readonly LocalImage[]) {
  return { getTags: (repository: string) => Promise.resolve(tagsOf(images, repository)) };
}

export async function complete(
  parsed: ParsedDocument,
  position: Position,
  images: readonly LocalImage[],
  capabilities: CompletionCapabilities,
): Promise<CompletionItem[]> {
  const linePrefix = parsed.document.getText({ start: { line: position.line, character: 0 }, end: position });
  const own = directiveItems(parsed, position, linePrefix) ?? fromItems(parsed, position, linePrefix, images);
  if (own) {
    return own;
  }
  // DockerAssist scans the whole document: give it the window around the cursor instead.
  const window = requestWindow(parsed, position);
  const assist = new DockerAssist(
    window.document,
    localTagSource(images) as unknown as ConstructorParameters<typeof DockerAssist>[1],
    capabilities as ConstructorParameters<typeof DockerAssist>[2],
  );
  return shiftRanges((await assist.computeProposals(window.position)) as CompletionItem[], window.lineDelta);
}
