/**
 * Completion. What dockerfile-language-service's DockerAssist already proposes well (instructions, the flags of
 * FROM and HEALTHCHECK, directive names, `$`/`${` variables, stage names after `--from=`) comes from it, run on the
 * cached document and parse. Added here: local images and their tags after `FROM` (from the extension host, never
 * from a registry), earlier stage names after `FROM`, platforms after `FROM --platform=`, parser directive values
 * with BuildKit's check names, and the flags BuildKit takes on RUN, COPY and ADD with their values
 * (`RUN --mount=type=cache,…`).
 */
import { DockerAssist } from 'dockerfile-language-service/lib/dockerAssist';
import {
  CompletionItem,
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  Position,
  Range,
  TextEdit,
} from 'vscode-languageserver-protocol';
import type { ClientCapabilities } from 'vscode-languageserver-protocol';
import { RULES } from '../lint';
import type { ParsedDocument } from '../parse/parsedDocument';
import type { LocalImage } from '../../protocol';
import { INSTRUCTION_FLAGS, MOUNT_OPTION_VALUES, MOUNT_OPTIONS, type FlagValue } from '../lint/buildkitFlags';
import { formatSize, repositories, tagsOf } from './localImages';
import { requestWindow, shiftRanges } from './requestWindow';

type CompletionCapabilities = NonNullable<NonNullable<ClientCapabilities['textDocument']>['completion']>['completionItem'];

const fromImage = /^\s*from\s+(?:--\S+\s+)*([^\s:@]*)$/i;
const fromTag = /^\s*from\s+(?:--\S+\s+)*([^\s:@]+):([^\s@]*)$/i;
const directiveValue = /^#\s*(escape|syntax|check)\s*=\s*(\S*)$/i;
/** `# check=skip=A,B` up to the cursor: the names given, and the one being typed. */
const checkSkipList = /^#\s*check\s*=\s*(?:\S*;)?skip=((?:[^,;\s]*,)*)([^,;\s]*)$/i;
/** The first line of a RUN, COPY or ADD up to the cursor: its flags so far, and the word being typed. */
const flagLine = /^\s*(RUN|COPY|ADD)\s+((?:--\S+\s+)*)(\S*)$/i;
/** Mount options that are written without a value. */
const BARE_MOUNT_OPTIONS = new Set(['ro', 'rw', 'required']);

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
  const skips = checkSkipList.exec(linePrefix);
  if (skips) {
    const given = new Set(skips[1].split(',').map((name) => name.toLowerCase()));
    const range = replacing(position, skips[2].length);
    const names = [{ value: 'all', detail: 'every build check' }, ...RULES.filter((rule) => rule.buildkit).map((rule) => ({ value: rule.buildkit!, detail: `${rule.title} (${rule.code})` }))];
    return names
      .filter((entry) => !given.has(entry.value.toLowerCase()) && entry.value.toLowerCase().startsWith(skips[2].toLowerCase()))
      .map((entry) => item(entry.value, CompletionItemKind.EnumMember, entry.detail, range));
  }
  const range = replacing(position, match[2].length);
  return (directiveValues[match[1].toLowerCase()] ?? [])
    .filter((entry) => entry.value.startsWith(match[2]))
    .map((entry) => item(entry.value, CompletionItemKind.Value, entry.detail, range));
}

/** `FROM --platform=` values: the build's platforms first, as BuildKit's FromPlatformFlagConstDisallowed (DS126) advises. */
const PLATFORMS: readonly FlagValue[] = [
  { value: '$BUILDPLATFORM', detail: 'the platform of the machine that builds (cross-compiling stages)' },
  { value: '$TARGETPLATFORM', detail: 'the platform the build is for' },
  { value: 'linux/amd64', detail: 'x86-64' },
  { value: 'linux/arm64', detail: '64-bit ARM' },
  { value: 'linux/arm/v7', detail: '32-bit ARM' },
  { value: 'linux/s390x', detail: 'IBM Z' },
  { value: 'linux/ppc64le', detail: 'POWER' },
  { value: 'linux/riscv64', detail: 'RISC-V' },
  { value: 'windows/amd64', detail: 'Windows on x86-64' },
];
const fromPlatform = /^\s*from\s+(?:--\S+\s+)*--platform=(\S*)$/i;

function fromItems(parsed: ParsedDocument, position: Position, linePrefix: string, images: readonly LocalImage[]): CompletionItem[] | undefined {
  const platform = fromPlatform.exec(linePrefix);
  if (platform) {
    return valueItems(PLATFORMS, platform[1], replacing(position, platform[1].length), CompletionItemKind.EnumMember).map((entry, index) => ({ ...entry, sortText: String(index).padStart(2, '0') }));
  }
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

function valueItems(values: readonly FlagValue[], typed: string, range: Range, kind: CompletionItemKind, insert = (value: string) => value): CompletionItem[] {
  return values
    .filter((entry) => entry.value.startsWith(typed))
    .map((entry) => ({ ...item(entry.value, kind, entry.detail, range), textEdit: TextEdit.replace(range, insert(entry.value)) }));
}

/** The options of `RUN --mount=` after the options already written (`type=cache,tar`). */
function mountItems(written: string, position: Position): CompletionItem[] {
  const parts = written.split(',');
  const typed = parts.pop() ?? '';
  const options = new Map(parts.map((part) => [part.split('=')[0], part.slice(part.indexOf('=') + 1)] as const));
  const equals = typed.indexOf('=');
  if (equals >= 0) {
    const values = MOUNT_OPTION_VALUES[typed.slice(0, equals)];
    const value = typed.slice(equals + 1);
    return values ? valueItems(values, value, replacing(position, value.length), CompletionItemKind.EnumMember) : [];
  }
  const range = replacing(position, typed.length);
  const type = options.get('type');
  const keys = valueItems((MOUNT_OPTIONS[type ?? 'bind'] ?? []).filter((option) => !options.has(option.value)), typed, range, CompletionItemKind.Property, (key) =>
    BARE_MOUNT_OPTIONS.has(key) ? key : `${key}=`,
  );
  // Without a type the mount is a bind mount; the types come first.
  const types = (type === undefined ? MOUNT_OPTION_VALUES.type : [])
    .filter((entry) => `type=${entry.value}`.startsWith(typed))
    .map((entry) => ({ ...item(`type=${entry.value}`, CompletionItemKind.EnumMember, entry.detail, range), sortText: `0${entry.value}` }));
  return [...types, ...keys];
}

/**
 * The flags of RUN, COPY and ADD where one is being typed (`RUN --m`), and the values of those that take one of a
 * few (`--network=`, `--mount=type=…`); undefined elsewhere, as for `--from=`, whose stages the library proposes.
 */
function flagItems(parsed: ParsedDocument, position: Position, linePrefix: string): CompletionItem[] | undefined {
  const match = flagLine.exec(linePrefix);
  const instruction = parsed.instructionAt(position);
  if (!match || !match[3].startsWith('-') || instruction?.getRange().start.line !== position.line) {
    return undefined;
  }
  const flags = INSTRUCTION_FLAGS[match[1].toUpperCase()];
  const typed = match[3];
  const equals = typed.indexOf('=');
  if (equals >= 0) {
    const flag = flags.find((candidate) => `--${candidate.name}` === typed.slice(0, equals));
    const value = typed.slice(equals + 1);
    if (flag?.name === 'mount') {
      return mountItems(value, position);
    }
    return flag?.values ? valueItems(flag.values, value, replacing(position, value.length), CompletionItemKind.EnumMember) : undefined;
  }
  const present = new Set(match[2].split(/\s+/).map((word) => word.replace(/^--/, '').split('=')[0]));
  return flags
    .filter((flag) => (flag.repeatable || !present.has(flag.name)) && `--${flag.name}`.startsWith(typed))
    .map((flag) => ({
      ...item(`--${flag.name}`, CompletionItemKind.Field, flag.detail, replacing(position, typed.length)),
      textEdit: TextEdit.replace(replacing(position, typed.length), flag.boolean ? `--${flag.name}` : `--${flag.name}=`),
      documentation: { kind: MarkupKind.Markdown, value: flag.documentation },
    }));
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
  const own = directiveItems(parsed, position, linePrefix) ?? fromItems(parsed, position, linePrefix, images) ?? flagItems(parsed, position, linePrefix);
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
