/**
 * Resolves what a command acts on: the explorer node(s) it was invoked on (`{ kind, id, name }`), else a
 * quick pick of containers or images listed through the engine.
 */
import type Docker from 'dockerode';
import * as vscode from 'vscode';
import { nodesOf, TargetNode } from './targetNodes';

export { nodesOf };
export type { TargetNode };

export async function pickContainer(docker: Docker, node: unknown, options: { runningOnly?: boolean; title: string }): Promise<TargetNode | undefined> {
  const [given] = nodesOf('container', node, undefined);
  if (given) {
    return given;
  }
  const containers = await docker.listContainers({ all: !options.runningOnly });
  if (containers.length === 0) {
    void vscode.window.showInformationMessage(options.runningOnly ? 'No container is running.' : 'There are no containers.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    containers.map((info) => ({
      label: info.Names[0]?.replace(/^\//, '') ?? info.Id.slice(0, 12),
      description: info.Image,
      detail: info.Status,
      id: info.Id,
    })),
    { title: options.title, matchOnDescription: true },
  );
  return picked && { kind: 'container', id: picked.id, name: picked.label };
}

export async function pickImage(docker: Docker, node: unknown, title: string, preferred: string[] = []): Promise<TargetNode | undefined> {
  const [given] = nodesOf('image', node, undefined);
  if (given) {
    return given;
  }
  const images = await docker.listImages();
  const references = images.flatMap((info) => (info.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>').map((tag) => ({ tag, id: info.Id })));
  const rank = (tag: string) => (preferred.includes(tag) ? preferred.indexOf(tag) : preferred.length);
  references.sort((a, b) => rank(a.tag) - rank(b.tag) || a.tag.localeCompare(b.tag));
  if (references.length === 0) {
    void vscode.window.showInformationMessage('There are no tagged images.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    references.map((reference) => ({ label: reference.tag, description: preferred.includes(reference.tag) ? 'run before' : reference.id.slice(7, 19), id: reference.id })),
    { title },
  );
  return picked && { kind: 'image', id: picked.id, name: picked.label };
}
