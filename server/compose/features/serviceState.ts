/**
 * A service's containers in the engine, for hover: the extension sends the engine's Compose containers (the
 * server stays engine-free); a container belongs to this file's project when the project's files, from the
 * labels Compose puts on it, include this file.
 */
import * as path from 'node:path';
import type { ComposeContainer } from '../../protocol';

/** The containers of `service` in the project that loads `file` (an absolute path). */
export function serviceContainers(file: string, service: string, containers: readonly ComposeContainer[]): ComposeContainer[] {
  const own = path.resolve(file);
  return containers.filter((container) => container.service === service && container.configFiles.some((entry) => path.resolve(entry) === own));
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Markdown: the service's image(s), and each container's state and ports. */
export function serviceStateMarkdown(service: string, containers: readonly ComposeContainer[]): string {
  const running = containers.filter((container) => container.state === 'running').length;
  const images = [...new Set(containers.map((container) => container.image))];
  const rows = containers.map((container) => `| ${cell(container.name)} | ${cell(container.state)} · ${cell(container.status)} | ${cell(container.ports.join(', ') || '—')} |`);
  return [
    `**${service}** · Compose project \`${containers[0]?.project ?? ''}\` · ${running} of ${containers.length} running`,
    `Image: ${images.map((image) => `\`${image}\``).join(', ')}`,
    ['| Container | State | Ports |', '|---|---|---|', ...rows].join('\n'),
  ].join('\n\n');
}
