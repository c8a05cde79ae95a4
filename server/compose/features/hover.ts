/**
 * Hover in a Compose file: a key's documentation from the schema, a variable's value with where it comes
 * from (the environment or a line of the `.env` file) or that nothing here sets it, and a service's image,
 * state and ports in the engine when it has containers there.
 */
import { Hover, MarkupKind, Position } from 'vscode-languageserver';
import type { ComposeContainer } from '../../protocol';
import type { ComposeAnalysis } from '../analysis';
import { describeKey } from '../parse/schemaNavigation';
import { parentPath } from '../parse/textContext';
import { serviceContainers, serviceStateMarkdown } from './serviceState';

const KEY = /^(\s*)(-\s+)?("[^"]*"|'[^']*'|[^\s#:'"][^:#]*?)\s*:(?:\s|$)/;

/** @param containers the engine's Compose containers, as the extension last sent them. */
export function hover(analysis: ComposeAnalysis, position: Position, containers: readonly ComposeContainer[] = []): Hover | null {
  const lines = analysis.document.text.split(/\r?\n/);
  const line = lines[position.line] ?? '';
  return variableHover(analysis, line, position) ?? keyHover(lines, line, position, (service) => (analysis.file ? serviceContainers(analysis.file, service, containers) : []));
}

function variableHover(analysis: ComposeAnalysis, line: string, position: Position): Hover | null {
  for (const match of line.matchAll(/\$\{([_a-zA-Z][_a-zA-Z0-9]*)((?::?[-?+])[^}]*)?\}|\$([_a-zA-Z][_a-zA-Z0-9]*)/g)) {
    const start = match.index;
    const end = start + match[0].length;
    if (position.character < start || position.character > end || line[start - 1] === '$') {
      continue;
    }
    const name = match[1] ?? match[3];
    const source = analysis.project.lookup(name);
    const origin = source.origin === undefined ? undefined : source.origin === 'environment' ? 'the environment' : `\`${source.origin}\``;
    const lines = [`**${name}**`];
    if (source.value === undefined) {
      lines.push('Not set in the `.env` file or the environment the editor sees.');
      const operator = match[2];
      if (operator?.startsWith(':-') || operator?.startsWith('-')) {
        lines.push(`Compose uses the default: \`${operator.replace(/^:?-/, '')}\``);
      } else if (operator?.startsWith(':?') || operator?.startsWith('?')) {
        lines.push('Compose stops unless it is set where it runs.');
      } else {
        lines.push('Compose would use an empty string.');
      }
    } else {
      lines.push(`= \`${source.value}\``, `from ${origin}`);
    }
    return {
      contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') },
      range: { start: { line: position.line, character: start }, end: { line: position.line, character: end } },
    };
  }
  return null;
}

function keyHover(lines: string[], line: string, position: Position, containersOf: (service: string) => ComposeContainer[]): Hover | null {
  const match = KEY.exec(line);
  if (!match) {
    return null;
  }
  const keyStart = match[1].length + (match[2]?.length ?? 0);
  const keyEnd = keyStart + match[3].length;
  if (position.character < keyStart || position.character > keyEnd) {
    return null;
  }
  const key = match[3].replace(/^(["'])(.*)\1$/, '$2');
  const parents = parentPath(lines, position.line, keyStart, !!match[2]);
  const range = { start: { line: position.line, character: keyStart }, end: { line: position.line, character: keyEnd } };
  if (parents.length === 1 && parents[0] === 'services' && !match[2]) {
    const containers = containersOf(key);
    return containers.length > 0 ? { contents: { kind: MarkupKind.Markdown, value: serviceStateMarkdown(key, containers) }, range } : null;
  }
  const description = describeKey([...parents, key]);
  if (!description) {
    return null;
  }
  return {
    contents: { kind: MarkupKind.Markdown, value: `**${key}**\n\n${description}` },
    range,
  };
}
