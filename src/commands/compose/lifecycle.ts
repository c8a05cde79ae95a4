/**
 * The Compose commands that run the CLI on a project: up (detached, `--build` offered when a service builds),
 * up of picked services, down (options, then a modal confirmation naming what goes), restart, stop, pull, build.
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { Dockside } from '../../dockside';
import { downConfirmation, DownContents } from '../../compose/downSummary';
import { projectLabels } from '../../compose/projectInvocation';
import type { RunResult } from '../../compose/runner';
import { ComposeTarget, resolveComposeTarget, resolveComposeTargets } from './composeTarget';

type Handler = (...args: unknown[]) => Promise<RunResult | undefined>;

/** Runs a handler, showing what goes wrong before the CLI runs (no Compose, an unreadable file) as a message. */
function guarded(run: (dockside: Dockside, args: unknown[]) => Promise<RunResult | undefined>) {
  return (dockside: Dockside): Handler =>
    async (...args: unknown[]) => {
      try {
        return await run(dockside, args);
      } catch (error) {
        void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
        return undefined;
      }
    };
}

function builds(target: ComposeTarget): boolean {
  return target.files.some((file) => {
    const open = vscode.workspace.textDocuments.find((document) => document.uri.fsPath === file);
    const text = open?.getText() ?? readQuietly(file);
    return /^\s+build:/m.test(text);
  });
}

function readQuietly(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Runs the CLI for each target in turn (a multi-selection of projects); the result of the first that failed, else
 * of the last.
 */
async function runEach(targets: readonly ComposeTarget[], run: (target: ComposeTarget) => Promise<RunResult | undefined>): Promise<RunResult | undefined> {
  let result: RunResult | undefined;
  for (const target of targets) {
    const outcome = await run(target);
    if (outcome && outcome.exitCode !== 0) {
      return outcome;
    }
    result = outcome ?? result;
  }
  return result;
}

/** Up, detached; when a service builds its image, the choice of building first (`--build`). */
export const composeUp = guarded(async (dockside, args) => {
  const targets = await resolveComposeTargets(dockside, args, 'Compose Up');
  if (targets.length === 0) return undefined;
  let build: string[] = [];
  if (targets.some(builds)) {
    const picked = await dockside.prompts.quickPick(
      [
        { label: 'Up', description: 'detached, images built only when missing', args: [] as string[] },
        { label: 'Up and build', description: '--build: build images first', args: ['--build'] },
      ],
      { title: `Compose Up: ${targets.map((target) => target.project).join(', ')}` },
    );
    if (!picked) return undefined;
    build = picked.args;
  }
  return runEach(targets, (target) => dockside.compose.run(target, 'Up', ['up', '-d', ...build, ...target.services]));
});

/** Up of the services picked among those the files declare (`config --services`, profiles applied). */
export const composeUpServices = guarded(async (dockside, args) => {
  const target = await resolveComposeTarget(dockside, args, 'Compose Up Services', false);
  if (!target) return undefined;
  const services = (await dockside.compose.capture(target, ['config', '--services']))
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  if (services.length === 0) {
    void vscode.window.showInformationMessage(`Compose project "${target.project}" has no services.`);
    return undefined;
  }
  const picked = await dockside.prompts.quickPickMany(
    services.map((service) => ({ label: service, picked: target.services.includes(service) })),
    { title: `Compose Up: services of ${target.project}` },
  );
  if (!picked || picked.length === 0) return undefined;
  return dockside.compose.run(target, 'Up', ['up', '-d', ...picked.map((item) => item.label)]);
});

async function downContents(dockside: Dockside, project: string): Promise<DownContents> {
  const filter = { label: [`${projectLabels.project}=${project}`] };
  try {
    const docker = dockside.docker;
    const [containers, networks, volumes] = await Promise.all([
      docker.listContainers({ all: true, filters: filter }),
      docker.listNetworks({ filters: filter }),
      docker.listVolumes({ filters: filter }),
    ]);
    return {
      project,
      containers: containers.map((info) => info.Names[0]?.replace(/^\//, '') ?? info.Id.slice(0, 12)).sort(),
      networks: networks.map((network) => network.Name).sort(),
      volumes: (volumes.Volumes ?? []).map((volume) => volume.Name).sort(),
    };
  } catch {
    // The engine cannot be asked: the confirmation names the kinds, not the names.
    return { project, containers: [], networks: [], volumes: [] };
  }
}

/**
 * Down: stops and removes the project's containers and networks, its volumes and orphans when chosen; the options
 * asked once for all the selected projects, then each project confirmed by a modal naming what goes.
 */
export const composeDown = guarded(async (dockside, args) => {
  const targets = await resolveComposeTargets(dockside, args, 'Compose Down', false);
  if (targets.length === 0) return undefined;
  const options = await dockside.prompts.quickPickMany(
    [
      { label: 'Remove volumes', description: '-v: named volumes declared in the files, and anonymous volumes', flag: '-v' },
      { label: 'Remove orphans', description: '--remove-orphans: containers of services no longer in the files', flag: '--remove-orphans' },
    ],
    { title: `Compose Down: ${targets.map((target) => target.project).join(', ')}`, placeHolder: 'Options (none: containers and networks only)' },
  );
  if (!options) return undefined;
  const flags = options.map((option) => option.flag);
  return runEach(targets, async (target) => {
    const { message, detail } = downConfirmation(await downContents(dockside, target.project), {
      removeVolumes: flags.includes('-v'),
      removeOrphans: flags.includes('--remove-orphans'),
    });
    const answer = await dockside.prompts.warning(message, { modal: true, detail }, 'Down');
    return answer === 'Down' ? dockside.compose.run(target, 'Down', ['down', ...flags]) : undefined;
  });
});

/** A Compose subcommand on the project or its chosen services (`restart`, `stop`, `pull`, `build`), for each selected project. */
export function composeSubcommand(subcommand: string, verb: string) {
  return guarded(async (dockside, args) => {
    const targets = await resolveComposeTargets(dockside, args, `Compose ${verb}`);
    return runEach(targets, (target) => dockside.compose.run(target, verb, [subcommand, ...target.services]));
  });
}
