/**
 * The task providers of `docker-build`, `docker-run` and `docker-compose`: the tasks offered in "Run Task" (one
 * build per Dockerfile, Compose up and down per Compose file), and the execution of every task of these types,
 * those written in tasks.json included. VS Code resolves the variables of a definition (`${workspaceFolder}`…)
 * before handing it to the execution.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Dockside } from '../dockside';
import { engineMessage } from '../engine/errors';
import { ansi } from '../terminal/pty';
import { recordBuildOutcome, withBuildSettings } from '../commands/images/buildExecution';
import { buildJob } from './buildTask';
import { buildRequestOf, composeTaskOf, runTaskOf, TASK_TYPES, type DockerBuildDefinition, type DockerComposeDefinition, type DockerRunDefinition, type Mapped } from './definitions';
import { providedBuildDefinitions, providedComposeDefinitions } from './providedTasks';
import { runJob } from './runTask';
import { TaskTerminal, type TaskJob } from './taskTerminal';
import { composeJob } from './composeTask';

const DOCKERFILE_GLOB = '**/{Dockerfile,*.Dockerfile,Dockerfile.*,Containerfile,*.dockerfile}';
const COMPOSE_GLOB = '**/{compose,docker-compose}{,.*}.{yaml,yml}';
const EXCLUDE = '**/node_modules/**';

/** The folder a task's relative paths start from: its workspace folder, else the first one. */
function folderOf(scope: vscode.Task['scope']): string | undefined {
  if (scope && typeof scope === 'object') return scope.uri.fsPath;
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

/** A job that only says why the task cannot run (a bad definition): the task fails with code 2. */
function refusal(reason: string): TaskJob {
  return async (output) => {
    output.line(ansi.red(reason));
    return 2;
  };
}

function mappedJob<T>(mapped: Mapped<T>, job: (value: T) => TaskJob): TaskJob {
  return mapped.ok ? job(mapped.value) : refusal(mapped.reason);
}

export function taskJob(dockside: Dockside, definition: vscode.TaskDefinition, folder: string): TaskJob {
  switch (definition.type) {
    case TASK_TYPES.build:
      return mappedJob(buildRequestOf(definition as DockerBuildDefinition, folder), (request) =>
        buildJob(
          dockside.docker,
          withBuildSettings(request),
          (text, result) => recordBuildOutcome(dockside, request.dockerfile, text, result),
          () => dockside.registryCredentials.all(),
        ),
      );
    case TASK_TYPES.run:
      return mappedJob(runTaskOf(definition as DockerRunDefinition, folder, (file) => fs.readFileSync(file, 'utf8')), (task) => runJob(dockside.docker, task));
    default:
      return mappedJob(composeTaskOf(definition as DockerComposeDefinition, folder), (task) => composeJob(task, dockside.config.host));
  }
}

function execution(dockside: Dockside, scope: vscode.Task['scope']): vscode.CustomExecution {
  return new vscode.CustomExecution(async (resolved) => {
    const folder = folderOf(scope);
    if (!folder) return new TaskTerminal(refusal('Open a folder first: a Docker task runs in a workspace folder.'));
    try {
      return new TaskTerminal(taskJob(dockside, resolved, folder));
    } catch (error) {
      // No engine connection yet: the task fails with the reason in its terminal.
      return new TaskTerminal(refusal(engineMessage(error)));
    }
  });
}

function makeTask(dockside: Dockside, definition: vscode.TaskDefinition, scope: vscode.WorkspaceFolder | vscode.TaskScope, name: string): vscode.Task {
  const task = new vscode.Task(definition, scope, name, definition.type, execution(dockside, scope), []);
  if (definition.type === TASK_TYPES.build || (definition.type === TASK_TYPES.compose && definition.command === 'build')) {
    task.group = vscode.TaskGroup.Build;
  }
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, clear: true };
  return task;
}

/** The files of a glob, each with its workspace folder and its path inside it. */
async function workspaceFiles(glob: string): Promise<Array<{ folder: vscode.WorkspaceFolder; relative: string }>> {
  const uris = await vscode.workspace.findFiles(glob, EXCLUDE, 200);
  return uris.flatMap((uri) => {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder ? [{ folder, relative: path.relative(folder.uri.fsPath, uri.fsPath).split(path.sep).join('/') }] : [];
  }).sort((a, b) => a.relative.localeCompare(b.relative));
}

class DockerTaskProvider implements vscode.TaskProvider {
  constructor(
    private readonly dockside: Dockside,
    private readonly provided: () => Promise<vscode.Task[]>,
  ) {}

  provideTasks(): Promise<vscode.Task[]> {
    return this.provided();
  }

  resolveTask(task: vscode.Task): vscode.Task {
    // The definition (and so the task's identity in tasks.json) stays the same; only the execution is added.
    return makeTask(this.dockside, task.definition, task.scope ?? vscode.TaskScope.Workspace, task.name);
  }
}

export function registerTaskProviders(dockside: Dockside): vscode.Disposable[] {
  const builds = async () =>
    (await workspaceFiles(DOCKERFILE_GLOB)).map(({ folder, relative }) => {
      const definition = providedBuildDefinitions(relative, folder.name);
      return makeTask(dockside, definition, folder, `Build ${relative}`);
    });
  const composes = async () =>
    (await workspaceFiles(COMPOSE_GLOB)).flatMap(({ folder, relative }) =>
      providedComposeDefinitions(relative).map((definition) => makeTask(dockside, definition, folder, `Compose ${definition.command} ${relative}`)),
    );
  return [
    vscode.tasks.registerTaskProvider(TASK_TYPES.build, new DockerTaskProvider(dockside, builds)),
    // No docker-run task is provided (which image to run is the user's choice); tasks.json ones still run.
    vscode.tasks.registerTaskProvider(TASK_TYPES.run, new DockerTaskProvider(dockside, async () => [])),
    vscode.tasks.registerTaskProvider(TASK_TYPES.compose, new DockerTaskProvider(dockside, composes)),
  ];
}
