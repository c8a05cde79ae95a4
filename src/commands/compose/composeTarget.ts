/**
 * What a Compose command acts on, from how it was invoked: a Compose file (explorer context menu and editor
 * title: a Uri; code lens: the file's URI string and a service name), the Containers view's project, service
 * or replica node (the project's labels give its files and folder), or, from the palette, a Compose file picked
 * among the workspace's.
 */
import type Docker from 'dockerode';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Dockside } from '../../dockside';
import { fileInvocation } from '../../compose/fileInvocation';
import { mergeTargets } from '../../compose/mergeTargets';
import type { ComposeInvocation } from '../../compose/invocation';
import { projectInvocation, projectLabels } from '../../compose/projectInvocation';
import type { ExplorerNode } from '../../explorer/nodes';

export interface ComposeTarget {
  invocation: ComposeInvocation;
  /** The project's name (as Compose will give it, for a file). */
  project: string;
  /** The services acted on; empty: the whole project. */
  services: string[];
  /** The Compose files the user pointed at or the project's labels name. */
  files: readonly string[];
}

/** The glob of Compose files, as the `dockercompose` language names them. */
export const COMPOSE_FILE_GLOB = '**/{compose,docker-compose}{,.*}.{yaml,yml}';

const readText = (file: string): string | undefined => {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.scheme === 'file' && document.uri.fsPath === file);
  if (open) {
    return open.getText();
  }
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

/** The target for a Compose file on disk. */
export function fileTarget(file: string, services: string[] = []): ComposeTarget {
  const settings = vscode.workspace.getConfiguration('dockside.compose', vscode.Uri.file(file));
  const resolved = fileInvocation(
    {
      file,
      environment: process.env,
      envFiles: settings.get<string[]>('envFiles', []),
      profiles: settings.get<string[]>('profiles', []),
    },
    { read: readText },
  );
  return { invocation: resolved.invocation, project: resolved.projectName, services, files: resolved.invocation.files };
}

function fileOf(value: unknown): string | undefined {
  if (value instanceof vscode.Uri) {
    return value.scheme === 'file' ? value.fsPath : undefined;
  }
  if (typeof value === 'string' && /^file:/.test(value)) {
    return vscode.Uri.parse(value).fsPath;
  }
  return undefined;
}

function isNode(value: unknown): value is ExplorerNode {
  return typeof value === 'object' && value !== null && typeof (value as ExplorerNode).kind === 'string' && typeof (value as ExplorerNode).id === 'string';
}

function labelsOf(container: Docker.ContainerInfo | undefined): Record<string, string> {
  return container?.Labels ?? {};
}

/** The target for a project the engine has, from the labels of its containers in the explorer's model. */
export function projectTarget(dockside: Dockside, project: string, services: string[] = []): ComposeTarget {
  const members = dockside.explorer.containers.all().filter((container) => labelsOf(container)[projectLabels.project] === project);
  // One-off containers (`compose run`) carry the same labels; any regular member's labels will do.
  const member = members.find((container) => labelsOf(container)[projectLabels.oneOff] !== 'True') ?? members[0];
  const fallback = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir();
  const { invocation, missingFiles } = projectInvocation(project, labelsOf(member), (file) => fs.existsSync(file), fallback);
  if (missingFiles.length > 0) {
    void vscode.window.showWarningMessage(
      `The Compose files of "${project}" are not on disk any more (${missingFiles.join(', ')}): Compose runs on the project by its name only, which needs Compose v2.`,
    );
  }
  return { invocation, project, services, files: invocation.files };
}

/** The target of an explorer node: a project, a service group, or a replica's service. */
function nodeTarget(dockside: Dockside, node: ExplorerNode, asService: boolean): ComposeTarget | undefined {
  switch (node.kind) {
    case 'composeProject':
      return projectTarget(dockside, node.id);
    case 'composeService': {
      const project = node.id.slice(0, node.id.length - node.name.length - 1);
      return projectTarget(dockside, project, [node.name]);
    }
    case 'container': {
      const labels = labelsOf(dockside.explorer.containers.all().find((container) => container.Id === node.id));
      const project = labels[projectLabels.project];
      const service = labels[projectLabels.service];
      return project ? projectTarget(dockside, project, asService && service ? [service] : []) : undefined;
    }
    default:
      return undefined;
  }
}

async function pickComposeFile(title: string, prompts: Dockside['prompts']): Promise<string | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  const found = await vscode.workspace.findFiles(COMPOSE_FILE_GLOB, '**/node_modules/**', 200);
  const files = found.map((uri) => uri.fsPath);
  if (active?.languageId === 'dockercompose' && active.uri.scheme === 'file' && !files.includes(active.uri.fsPath)) {
    files.push(active.uri.fsPath);
  }
  const activeFile = active?.uri.scheme === 'file' ? active.uri.fsPath : undefined;
  files.sort((a, b) => Number(b === activeFile) - Number(a === activeFile) || a.localeCompare(b));
  if (files.length === 0) {
    void vscode.window.showInformationMessage('There is no Compose file (compose.yaml, docker-compose.yml…) in the workspace.');
    return undefined;
  }
  if (files.length === 1) {
    return files[0];
  }
  const picked = await prompts.quickPick(
    files.map((file) => ({ label: path.basename(file), description: vscode.workspace.asRelativePath(path.dirname(file)), file })),
    { title, placeHolder: 'Compose file' },
  );
  return picked?.file;
}

/**
 * Resolves the command's arguments into a target; undefined when the user cancelled a pick or the node is not
 * part of a Compose project.
 * @param asService whether a replica row means its service (service actions) or its whole project.
 */
export async function resolveComposeTarget(dockside: Dockside, args: readonly unknown[], title: string, asService = true): Promise<ComposeTarget | undefined> {
  const [first, second] = args;
  const file = fileOf(first);
  if (file) {
    const service = typeof second === 'string' ? [second] : [];
    return fileTarget(file, service);
  }
  if (isNode(first)) {
    const target = nodeTarget(dockside, first, asService);
    if (!target) {
      void vscode.window.showInformationMessage(`${first.label} is not part of a Compose project.`);
    }
    return target;
  }
  const picked = await pickComposeFile(title, dockside.prompts);
  return picked ? fileTarget(picked) : undefined;
}

/**
 * The targets of a command run on several selected rows or files (VS Code passes the clicked one, then the whole
 * selection): one per project, services of a project gathered. One target otherwise, as resolveComposeTarget gives.
 */
export async function resolveComposeTargets(dockside: Dockside, args: readonly unknown[], title: string, asService = true): Promise<ComposeTarget[]> {
  const [first, selection] = args;
  if (!Array.isArray(selection) || selection.length < 2 || !selection.includes(first)) {
    const target = await resolveComposeTarget(dockside, args, title, asService);
    return target ? [target] : [];
  }
  const targets: ComposeTarget[] = [];
  for (const item of selection) {
    const file = fileOf(item);
    const target = file ? fileTarget(file) : isNode(item) ? nodeTarget(dockside, item, asService) : undefined;
    if (target) {
      targets.push(target);
    }
  }
  if (targets.length === 0) {
    void vscode.window.showInformationMessage('None of the selected rows is part of a Compose project.');
  }
  return mergeTargets(targets);
}
