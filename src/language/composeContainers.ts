/** The engine's Compose containers as the `ComposeContainer`s the language server shows on hover. */
import * as path from 'node:path';
import type Docker from 'dockerode';
import type { ComposeContainer } from '../../server/protocol';
import { projectLabels } from '../compose/projectInvocation';
import { formatPorts } from '../explorer/present/containers';

/** Lists the engine's containers that belong to a Compose project. Throws when the engine does not answer. */
export async function listComposeContainers(docker: Docker): Promise<ComposeContainer[]> {
  return toComposeContainers(await docker.listContainers({ all: true, filters: { label: [projectLabels.project] } }));
}

/** Pure: one entry per container with a project and a service label; config files made absolute. */
export function toComposeContainers(containers: readonly Docker.ContainerInfo[]): ComposeContainer[] {
  const result: ComposeContainer[] = [];
  for (const container of containers) {
    const labels = container.Labels ?? {};
    const project = labels[projectLabels.project];
    const service = labels[projectLabels.service];
    if (!project || !service || labels[projectLabels.oneOff] === 'True') {
      continue;
    }
    const workingDir = labels[projectLabels.workingDir] || undefined;
    const configFiles = (labels[projectLabels.configFiles] ?? '')
      .split(',')
      .map((file) => file.trim())
      .filter(Boolean)
      .map((file) => (workingDir ? path.resolve(workingDir, file) : file));
    result.push({
      project,
      service,
      name: container.Names?.[0]?.replace(/^\//, '') ?? container.Id.slice(0, 12),
      image: container.Image,
      state: container.State,
      status: container.Status,
      ports: formatPorts(container.Ports),
      workingDir,
      configFiles,
    });
  }
  return result.sort((a, b) => a.project.localeCompare(b.project) || a.service.localeCompare(b.service) || a.name.localeCompare(b.name));
}
