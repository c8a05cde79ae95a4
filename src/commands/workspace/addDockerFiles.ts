import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Dockside } from '../../dockside';
import type { Prompts } from '../explorer/prompts';
import { detectPlatforms, generateFiles, serviceName, type Detection, type GeneratedFile } from '../../scaffold/generate';
import { platforms } from '../../scaffold/platforms';
import { folderFiles } from '../../scaffold/projectFiles';

const TITLE = 'Add Docker Files';

/** The folder of the invocation: a clicked folder, the only workspace folder, or a pick of them. */
async function resolveFolder(arg: unknown, prompts: Prompts): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri && arg.scheme === 'file') {
    return arg;
  }
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) {
    return folders[0].uri;
  }
  if (folders.length > 1) {
    const picked = await prompts.quickPick(folders.map((folder) => ({ label: folder.name, description: folder.uri.fsPath, folder })), { title: `${TITLE}: which folder?` });
    return picked?.folder.uri;
  }
  const chosen = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Add Docker Files Here' });
  return chosen?.[0];
}

async function pickDetection(found: Detection[], prompts: Prompts): Promise<Detection | undefined> {
  if (found.length === 1) {
    return found[0];
  }
  const picked = await prompts.quickPick(
    found.map((detection) => ({ label: detection.platform.label, description: detection.facts.description, detection })),
    { title: `${TITLE}: this folder has several kinds of project; which one goes in the image?` },
  );
  return picked?.detection;
}

export function parsePortAnswer(value: string): { ok: true; port: number | undefined } | { ok: false; reason: string } {
  const trimmed = value.trim();
  if (trimmed === '') return { ok: true, port: undefined };
  const port = Number(trimmed);
  return /^\d+$/.test(trimmed) && port >= 1 && port <= 65535 ? { ok: true, port } : { ok: false, reason: 'A port is a number from 1 to 65535 (empty: the app listens on none).' };
}

/** Asks for the file's fate when it exists: undefined cancels the whole command (nothing is written). */
async function keepOrReplace(file: vscode.Uri, prompts: Prompts): Promise<'write' | 'skip' | undefined> {
  try {
    await vscode.workspace.fs.stat(file);
  } catch {
    return 'write';
  }
  const replace = 'Replace';
  const keep = 'Keep Mine';
  const answer = await prompts.warning(`${path.basename(file.fsPath)} already exists in this folder.`, { modal: true, detail: 'Replace it with the generated one, or keep yours and write the other files.' }, replace, keep);
  return answer === replace ? 'write' : answer === keep ? 'skip' : undefined;
}

/**
 * Detects the folder's platform, asks only what it could not find (port, entry point, whether to add Compose),
 * writes the Dockerfile, `.dockerignore` and `compose.yaml` (asking before replacing a file) and opens them.
 */
export const addDockerFiles = (dockside: Dockside) => async (arg?: unknown): Promise<vscode.Uri[] | undefined> => {
  const prompts = dockside.prompts;
  const folder = await resolveFolder(arg, prompts);
  if (!folder) return undefined;
  const found = detectPlatforms(folderFiles(folder.fsPath));
  if (found.length === 0) {
    const manifests = 'package.json, requirements.txt, pyproject.toml, go.mod, pom.xml, build.gradle, *.csproj, Cargo.toml, Gemfile, composer.json or *.php';
    void dockside.notices.info(`No project found in ${path.basename(folder.fsPath)}: Add Docker Files looks for ${manifests} (${platforms.map((p) => p.label).join(', ')}).`);
    return undefined;
  }
  const detection = await pickDetection(found, prompts);
  if (!detection) return undefined;
  const { platform, facts } = detection;
  let port = facts.port;
  if (port === undefined) {
    const typed = await prompts.inputBox({
      title: `${TITLE} (${platform.label}): port`,
      prompt: 'The port the app listens on; empty if it serves none (no EXPOSE, HEALTHCHECK or published port then)',
      placeHolder: '8080',
      validateInput: (value) => {
        const parsed = parsePortAnswer(value);
        return parsed.ok ? undefined : parsed.reason;
      },
    });
    if (typed === undefined) return undefined;
    const parsed = parsePortAnswer(typed);
    port = parsed.ok ? parsed.port : undefined;
  }
  let entry = facts.entry;
  if (entry === undefined && facts.entryQuestion) {
    const question = facts.entryQuestion;
    const typed = await prompts.inputBox({ title: `${TITLE} (${platform.label}): entry point`, prompt: question.prompt, value: question.placeholder, validateInput: (value) => question.validate(value.trim()) });
    if (typed === undefined) return undefined;
    entry = typed.trim();
  }
  const compose = await prompts.quickPick(
    [
      { label: 'Yes', description: 'also write compose.yaml (build and run with Compose Up)', value: true },
      { label: 'No', description: 'a Dockerfile and .dockerignore only', value: false },
    ],
    { title: `${TITLE} (${platform.label}): add a compose.yaml?` },
  );
  if (!compose) return undefined;
  const files = generateFiles(platform, { facts, name: serviceName(path.basename(folder.fsPath)), port, entry }, compose.value);
  const written = await writeFiles(folder, files, prompts);
  if (!written) return undefined;
  for (const [index, uri] of written.entries()) {
    await vscode.window.showTextDocument(uri, { preview: false, preserveFocus: index > 0 });
  }
  return written;
};

/** Writes the files, each existing one only if the user says so; undefined (nothing written) when cancelled. */
async function writeFiles(folder: vscode.Uri, files: GeneratedFile[], prompts: Prompts): Promise<vscode.Uri[] | undefined> {
  const plan: Array<{ uri: vscode.Uri; text: string }> = [];
  for (const file of files) {
    const uri = vscode.Uri.joinPath(folder, file.path);
    const fate = await keepOrReplace(uri, prompts);
    if (fate === undefined) return undefined;
    if (fate === 'write') plan.push({ uri, text: file.text });
  }
  for (const { uri, text } of plan) {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  }
  return plan.map(({ uri }) => uri);
}
