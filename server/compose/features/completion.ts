/**
 * Completion in a Compose file: the schema's keys (with their descriptions) where the cursor is, enum values,
 * the project's services, networks, volumes, secrets and configs where they are referenced, local images after
 * `image:`, the stages of the Dockerfile after `target:`, and paths for build contexts, Dockerfiles and env files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CompletionItem, CompletionItemKind, InsertTextFormat, MarkupKind, Position, TextEdit, type CompletionList } from 'vscode-languageserver';
import type { LocalImage } from '../../protocol';
import type { ComposeAnalysis } from '../analysis';
import type { PathSegment } from '../parse/composeDocument';
import { enumsAt, keysAt } from '../parse/schemaNavigation';
import { textContext, type TextContext } from '../parse/textContext';
import type { FileSource } from '../project/files';
import { dockerfileOf } from './buildFiles';

export interface CompletionSources {
  images: readonly LocalImage[];
  files: FileSource;
}

/** Values the schema leaves as free strings but Compose knows. */
const KNOWN_VALUES: Record<string, string[]> = {
  restart: ['no', 'always', 'on-failure', 'unless-stopped'],
  pull_policy: ['always', 'never', 'missing', 'build', 'if_not_present', 'daily', 'weekly', 'every_12h'],
  condition: ['service_started', 'service_healthy', 'service_completed_successfully'],
  network_mode: ['bridge', 'host', 'none', 'service:', 'container:'],
  ipc: ['shareable', 'host', 'private', 'service:', 'container:'],
  pid: ['host', 'service:', 'container:'],
  protocol: ['tcp', 'udp', 'sctp'],
  mode: ['host', 'ingress'],
  type: ['volume', 'bind', 'tmpfs', 'npipe', 'cluster', 'image'],
  driver: ['local', 'bridge', 'overlay', 'host', 'none', 'macvlan', 'ipvlan'],
  platform: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'],
  action: ['rebuild', 'sync', 'restart', 'sync+restart', 'sync+exec'],
};

const BOOLEAN_TYPES = ['boolean'];

export function complete(analysis: ComposeAnalysis, position: Position, sources: CompletionSources): CompletionList {
  const lines = analysis.document.text.split(/\r?\n/);
  const context = textContext(lines, position.line, position.character);
  const range = { start: { line: position.line, character: context.prefixStart }, end: position };
  const items: CompletionItem[] = [];
  const add = (label: string, kind: CompletionItemKind, detail?: string, documentation?: string, insert?: string): void => {
    items.push({
      label,
      kind,
      detail,
      documentation: documentation ? { kind: MarkupKind.Markdown, value: documentation } : undefined,
      textEdit: TextEdit.replace(range, insert ?? label),
      insertTextFormat: insert?.includes('$') ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    });
  };
  if (context.kind === 'key' || context.kind === 'item') {
    const keyPath = context.kind === 'item' ? context.path : context.path;
    keyCompletions(keyPath, context, lines, position.line, add);
  }
  if (context.kind === 'value' || context.kind === 'item') {
    // Inside a flow list (`depends_on: [db, |`) the cursor is at an item of the key's list.
    const inFlowList = context.kind === 'value' && /:\s*\[[^\]]*$/.test(context.line.slice(0, position.character));
    const valuePath = context.kind === 'value' ? [...context.path, context.key!, ...(inFlowList ? ['*'] : [])] : context.path;
    valueCompletions(analysis, valuePath, context, sources, add);
  }
  return { isIncomplete: false, items };
}

type Add = (label: string, kind: CompletionItemKind, detail?: string, documentation?: string, insert?: string) => void;

function keyCompletions(keyPath: PathSegment[], context: TextContext, lines: string[], lineNumber: number, add: Add): void {
  const present = siblingKeys(lines, lineNumber, context);
  for (const key of keysAt(keyPath)) {
    if (present.has(key.name)) {
      continue;
    }
    const opensBlock = key.types.length > 0 && key.types.every((type) => type === 'object' || type === 'array');
    add(key.name, CompletionItemKind.Property, key.deprecated ? 'deprecated' : key.types.join(' | '), key.description, opensBlock ? `${key.name}:` : `${key.name}: `);
  }
}

/** Keys already written in the mapping the cursor is in (not offered again). */
function siblingKeys(lines: string[], lineNumber: number, context: TextContext): Set<string> {
  const keys = new Set<string>();
  const indent = context.prefixStart;
  for (const direction of [-1, 1]) {
    for (let index = lineNumber + direction; index >= 0 && index < lines.length; index += direction) {
      const line = lines[index];
      if (line.trim() === '' || line.trim().startsWith('#')) {
        continue;
      }
      const shape = /^(\s*)(-\s+)?(?:([^\s#:'"][^:#]*?)\s*:(?:\s|$))?/.exec(line)!;
      const column = shape[1].length + (shape[2]?.length ?? 0);
      if (shape[2] && column === indent) {
        // The line that starts this list item: its key is a sibling, and the item begins here.
        if (shape[3] !== undefined && direction === -1) {
          keys.add(shape[3]);
        }
        break;
      }
      if (column < indent) {
        break;
      }
      if (column === indent && shape[3] !== undefined) {
        keys.add(shape[3]);
      }
    }
  }
  return keys;
}

function valueCompletions(analysis: ComposeAnalysis, valuePath: PathSegment[], context: TextContext, sources: CompletionSources, add: Add): void {
  const project = analysis.project;
  const last = String(valuePath[valuePath.length - 1] ?? '');
  const parent = String(valuePath[valuePath.length - 2] ?? '');
  const inService = valuePath[0] === 'services' && valuePath.length >= 3;
  const serviceName = inService ? String(valuePath[1]) : undefined;
  const otherServices = [...project.services.keys()].filter((name) => name !== serviceName);
  const serviceKey = inService ? String(valuePath[2]) : '';

  for (const value of enumsAt(valuePath)) {
    add(value, CompletionItemKind.EnumMember);
  }
  if (inService && valuePath.length === 3 && KNOWN_VALUES[last]) {
    for (const value of KNOWN_VALUES[last]) {
      add(value, CompletionItemKind.EnumMember);
    }
  } else if (last === 'condition' && serviceKey === 'depends_on') {
    for (const value of KNOWN_VALUES.condition) {
      add(value, CompletionItemKind.EnumMember);
    }
  } else if (inService && (last === 'protocol' || last === 'mode' || last === 'type') && (serviceKey === 'ports' || serviceKey === 'volumes')) {
    for (const value of KNOWN_VALUES[last]) {
      add(value, CompletionItemKind.EnumMember);
    }
  }
  const schemaTypes = keysAt(valuePath.slice(0, -1)).find((key) => key.name === last)?.types ?? [];
  if (schemaTypes.some((type) => BOOLEAN_TYPES.includes(type))) {
    add('true', CompletionItemKind.Value);
    add('false', CompletionItemKind.Value);
  }

  if (inService) {
    const referencesServices =
      (serviceKey === 'depends_on' && (valuePath.length === 4 || context.kind === 'item')) ||
      (serviceKey === 'links' && valuePath.length === 4) ||
      (serviceKey === 'volumes_from' && valuePath.length === 4) ||
      (serviceKey === 'extends' && (valuePath.length === 3 || last === 'service'));
    if (referencesServices) {
      for (const name of otherServices) {
        add(name, CompletionItemKind.Reference, 'service');
      }
    }
    if (['network_mode', 'ipc', 'pid'].includes(last) && valuePath.length === 3) {
      for (const name of otherServices) {
        add(`service:${name}`, CompletionItemKind.Reference, 'service');
      }
    }
    const declared: Record<string, Set<string>> = { networks: project.networks, secrets: project.secrets, configs: project.configs };
    if (declared[serviceKey] && (valuePath.length === 4 || last === 'source')) {
      for (const name of declared[serviceKey]) {
        add(name, CompletionItemKind.Reference, serviceKey.slice(0, -1));
      }
    }
    if (serviceKey === 'volumes' && (valuePath.length === 4 || last === 'source')) {
      for (const name of project.volumes) {
        add(last === 'source' ? name : `${name}:`, CompletionItemKind.Reference, 'volume');
      }
    }
    if (last === 'image' && valuePath.length === 3) {
      imageCompletions(context.prefix, sources.images, add);
    }
    if (last === 'target' && parent === 'build') {
      for (const stage of dockerfileStages(analysis, serviceName!, sources.files)) {
        add(stage, CompletionItemKind.Constant, 'build stage');
      }
    }
    const pathKey = (last === 'build' && valuePath.length === 3) || (parent === 'build' && (last === 'context' || last === 'dockerfile')) || serviceKey === 'env_file';
    if (pathKey && analysis.file) {
      const base = last === 'dockerfile' ? buildContextDirectory(analysis, serviceName!) : path.dirname(analysis.file);
      pathCompletions(base, context.prefix, last === 'build' || last === 'context', add);
    }
  }
}

function imageCompletions(prefix: string, images: readonly LocalImage[], add: Add): void {
  const colon = prefix.lastIndexOf(':');
  if (colon > 0 && !prefix.slice(colon).includes('/')) {
    const repository = prefix.slice(0, colon);
    for (const image of images.filter((item) => item.repository === repository)) {
      add(`${repository}:${image.tag}`, CompletionItemKind.Constant, 'local tag');
    }
    return;
  }
  const seen = new Set<string>();
  for (const image of images) {
    if (image.repository && image.repository !== '<none>' && !seen.has(image.repository)) {
      seen.add(image.repository);
      add(image.repository, CompletionItemKind.Module, 'local image');
    }
    if (image.repository && image.repository !== '<none>' && image.tag && image.tag !== '<none>') {
      add(`${image.repository}:${image.tag}`, CompletionItemKind.Constant, 'local image');
    }
  }
}

function buildContextDirectory(analysis: ComposeAnalysis, service: string): string {
  return dockerfileOf(analysis, service)?.context ?? path.dirname(analysis.file ?? '/');
}

function dockerfileStages(analysis: ComposeAnalysis, service: string, files: FileSource): string[] {
  const dockerfile = dockerfileOf(analysis, service)?.dockerfile;
  const text = dockerfile ? files.read(dockerfile) : undefined;
  if (!text) {
    return [];
  }
  const stages: string[] = [];
  for (const match of text.matchAll(/^\s*FROM\s+(?:--\S+\s+)*\S+\s+AS\s+(\S+)/gim)) {
    stages.push(match[1]);
  }
  return stages;
}

function pathCompletions(base: string, prefix: string, directoriesOnly: boolean, add: Add): void {
  const typed = prefix.replace(/^["']/, '');
  const slash = typed.lastIndexOf('/');
  const folderPart = slash >= 0 ? typed.slice(0, slash + 1) : '';
  const folder = path.resolve(base, folderPart || '.');
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true }).slice(0, 500);
  } catch {
    return;
  }
  const lead = folderPart || './';
  for (const entry of entries) {
    if (directoriesOnly && !entry.isDirectory()) {
      continue;
    }
    add(`${lead}${entry.name}${entry.isDirectory() ? '/' : ''}`, entry.isDirectory() ? CompletionItemKind.Folder : CompletionItemKind.File);
  }
}
