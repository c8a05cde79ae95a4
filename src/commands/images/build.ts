import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Dockside } from '../../dockside';
import type { BuildChoices } from '../../build/buildMemory';
import type { Prompts } from '../explorer/prompts';
import { dockerfileStages } from '../../build/dockerfileSteps';
import { parseImageReference } from '../../registry/imageReference';
import { parseEnv, parseList } from '../../run/runInputs';
import { executeBuild } from './buildExecution';

const dockerfileGlob = '**/{Dockerfile,*.Dockerfile,Dockerfile.*,Containerfile,*.dockerfile}';

const dockerfileName = /(^|[./])(Dockerfile|Containerfile)([./]|$)/i;

function isDockerfileDocument(document: vscode.TextDocument | undefined): document is vscode.TextDocument {
  return !!document && document.uri.scheme === 'file' && (document.languageId === 'dockerfile' || dockerfileName.test(path.basename(document.fileName)));
}

/**
 * The Dockerfile in the active editor. A file just opened has its tab before the extension host sees its editor
 * (the editor waits for the file's text): the active tab stands in then.
 */
function activeDockerfile(): string | undefined {
  const active = vscode.window.activeTextEditor?.document;
  if (active) {
    return isDockerfileDocument(active) ? active.fileName : undefined;
  }
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputText && input.uri.scheme === 'file' && dockerfileName.test(path.basename(input.uri.fsPath))
    ? input.uri.fsPath
    : undefined;
}

/** Saves the open document of `file`, if it has one: the build reads the file. */
async function saveOpen(file: string): Promise<void> {
  await vscode.workspace.textDocuments.find((document) => document.uri.scheme === 'file' && document.fileName === file)?.save();
}

/** The Dockerfile of the invocation: a clicked file, else the active editor's, else a pick of the workspace's. */
async function resolveDockerfile(arg: unknown, prompts: Prompts): Promise<string | undefined> {
  if (arg instanceof vscode.Uri && arg.scheme === 'file') {
    return arg.fsPath;
  }
  const active = activeDockerfile();
  if (active) {
    await saveOpen(active);
    return active;
  }
  const files = await vscode.workspace.findFiles(dockerfileGlob, '**/node_modules/**', 200);
  if (files.length === 0) {
    void vscode.window.showInformationMessage('No Dockerfile in this workspace.');
    return undefined;
  }
  if (files.length === 1) {
    return files[0].fsPath;
  }
  const picked = await prompts.quickPick(
    files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { title: 'Build an image: which Dockerfile?' },
  );
  return picked?.uri.fsPath;
}

/** "Build an image (2/3): tags": the counter counts only the steps this Dockerfile will ask. */
type StepTitle = (step: number, what: string) => string;

async function askContext(dockerfile: string, remembered: BuildChoices | undefined, prompts: Prompts, title: StepTitle): Promise<string | undefined> {
  const candidates = new Map<string, string>();
  if (remembered) candidates.set(remembered.contextDir, 'last used');
  candidates.set(path.dirname(dockerfile), "the Dockerfile's folder");
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (!candidates.has(folder.uri.fsPath)) candidates.set(folder.uri.fsPath, 'workspace folder');
  }
  const choose = '$(folder-opened) Choose a folder…';
  const picked = await prompts.quickPick(
    [...[...candidates].map(([folder, description]) => ({ label: vscode.workspace.asRelativePath(folder, true) || folder, description, folder })), { label: choose, description: '', folder: '' }],
    { title: title(1, 'build context') },
  );
  if (!picked) return undefined;
  if (picked.label !== choose) return picked.folder;
  const chosen = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, defaultUri: vscode.Uri.file(path.dirname(dockerfile)), openLabel: 'Use as Build Context' });
  return chosen?.[0]?.fsPath;
}

function defaultTag(contextDir: string): string {
  const base = path.basename(contextDir).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '') || 'image';
  return `${base}:latest`;
}

function validateTags(value: string): string | undefined {
  const parsed = parseList(value, (item) => {
    const reference = parseImageReference(item);
    return reference.ok && reference.value.digest ? { ok: false as const, reason: `A tag cannot have a digest: "${item}".` } : reference;
  });
  return parsed.ok ? undefined : parsed.reason;
}

type NamedStages = ReturnType<typeof dockerfileStages>;

async function askStage(stages: NamedStages, remembered: string | undefined, prompts: Prompts, title: StepTitle): Promise<{ target: string | undefined } | undefined> {
  if (stages.length === 0) {
    return { target: undefined };
  }
  const items = [{ label: '$(layers) Final stage', description: 'the whole Dockerfile', target: undefined as string | undefined }].concat(
    stages.map((stage) => ({ label: stage.name ?? '', description: `FROM ${stage.image ?? ''} (line ${stage.line + 1})`, target: stage.name })),
  );
  const rememberedIndex = items.findIndex((item) => item.target === remembered);
  if (rememberedIndex > 0) items.unshift(...items.splice(rememberedIndex, 1));
  const picked = await prompts.quickPick(items, { title: title(4, 'target stage') });
  return picked && { target: picked.target };
}

/** Asks for the context, tags, build args and target, starting from what was used last for this Dockerfile. */
async function askBuildChoices(dockerfile: string, remembered: BuildChoices | undefined, prompts: Prompts): Promise<BuildChoices | undefined> {
  // The target stage is asked only when the Dockerfile names stages.
  const stages = dockerfileStages(fs.readFileSync(dockerfile, 'utf8')).filter((stage) => stage.name);
  const total = stages.length > 0 ? 4 : 3;
  const title: StepTitle = (step, what) => `Build an image (${step}/${total}): ${what}`;
  const contextDir = await askContext(dockerfile, remembered, prompts, title);
  if (!contextDir) return undefined;
  const tagsText = await prompts.inputBox({
    title: title(2, 'tags'),
    prompt: 'name[:tag], several separated by spaces; empty for an untagged image',
    value: remembered?.tags.join(' ') ?? defaultTag(contextDir),
    validateInput: validateTags,
  });
  if (tagsText === undefined) return undefined;
  const argsText = await prompts.inputBox({
    title: title(3, 'build arguments'),
    prompt: 'KEY=VALUE, separated by spaces (quote values with spaces); empty for none',
    value: Object.entries(remembered?.buildArgs ?? {})
      .map(([key, value]) => (/[\s'"]/.test(value) ? `${key}="${value.replace(/["\\$`]/g, '\\$&')}"` : `${key}=${value}`))
      .join(' '),
    validateInput: (value) => {
      const parsed = parseList(value, parseEnv);
      return parsed.ok ? undefined : parsed.reason;
    },
  });
  if (argsText === undefined) return undefined;
  const stage = await askStage(stages, remembered?.target, prompts, title);
  if (!stage) return undefined;
  const tags = parseList(tagsText, (item) => ({ ok: true as const, value: item }));
  const args = parseList(argsText, parseEnv);
  return {
    dockerfile,
    contextDir,
    tags: tags.ok ? tags.value : [],
    // `NAME` alone takes its value from the environment, as `docker build --build-arg NAME` does.
    buildArgs: Object.fromEntries(
      (args.ok ? args.value : []).flatMap((entry) => {
        const value = entry.value ?? process.env[entry.key];
        return value === undefined ? [] : [[entry.key, value]];
      }),
    ),
    target: stage.target,
  };
}

export const buildImage = (dockside: Dockside) => async (arg?: unknown) => {
  // Fails early, with the connection's message, before asking anything.
  if (!dockside.docker) return;
  const dockerfile = await resolveDockerfile(arg, dockside.prompts);
  if (!dockerfile) return;
  const memory = dockside.workflows.buildMemory;
  const choices = await askBuildChoices(dockerfile, memory.forDockerfile(dockerfile), dockside.prompts);
  if (!choices) return;
  await memory.remember(choices);
  await executeBuild(dockside, choices);
};

/** Repeats the last build of the active Dockerfile (or of the last Dockerfile built) without asking. */
export const buildImageAgain = (dockside: Dockside) => async (arg?: unknown) => {
  const memory = dockside.workflows.buildMemory;
  const dockerfile = arg instanceof vscode.Uri ? arg.fsPath : activeDockerfile();
  const choices = (dockerfile && memory.forDockerfile(dockerfile)) || memory.last();
  if (!choices) {
    return buildImage(dockside)(arg);
  }
  if (dockerfile === choices.dockerfile) {
    await saveOpen(dockerfile);
  }
  await memory.remember(choices);
  await executeBuild(dockside, choices);
};
