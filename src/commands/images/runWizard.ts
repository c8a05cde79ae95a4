import * as fs from 'node:fs';
import * as path from 'node:path';
import type Docker from 'dockerode';
import * as vscode from 'vscode';
import { renderPort, renderVolume, type RunSpec } from '../../run/runSpec';
import {
  EnvEntry,
  parseContainerName,
  parseEnv,
  parseEnvFile,
  parseLabel,
  parseList,
  parsePort,
  parseVolume,
  PortMapping,
  RestartPolicy,
  splitCommandLine,
} from '../../run/runInputs';
import type { Parsed } from '../../registry/imageReference';
import type { Prompts } from '../explorer/prompts';
import { runSteps, StepResult } from '../multiStepInput';

/** What the wizard checks against the engine as the user types (from the explorer's model). */
export interface RunChecks {
  /** Why a container name is taken, or undefined when it is free. */
  nameClash(name: string): string | undefined;
  /** Why host ports are taken, or undefined when they are free. */
  portClash(ports: readonly PortMapping[]): string | undefined;
}

function reasonOf<T>(parsed: Parsed<T>): string | undefined {
  return parsed.ok ? undefined : parsed.reason;
}

function quoteWord(word: string): string {
  return /^[^\s'"\\]+$/.test(word) ? word : `"${word.replace(/["\\$`]/g, '\\$&')}"`;
}

/** The folder relative paths (env file, bind sources) are resolved against. */
function workspaceFolder(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

function readEnvFile(file: string): Parsed<EnvEntry[]> {
  try {
    return parseEnvFile(fs.readFileSync(path.resolve(workspaceFolder() ?? process.cwd(), file), 'utf8'));
  } catch {
    return { ok: false, reason: `Cannot read the env file "${file}".` };
  }
}

/** What the folded steps hold now: "network none · restart unless-stopped", or what they are about. */
function optionsSummary(spec: RunSpec): string {
  const parts = [
    spec.envFile ? `env file ${spec.envFile}` : '',
    spec.volumes.length > 0 ? `${spec.volumes.length} volume${spec.volumes.length > 1 ? 's' : ''}` : '',
    spec.network ? `network ${spec.network}` : '',
    spec.restart.name !== 'no' ? `restart ${spec.restart.name}` : '',
    spec.command.length > 0 ? `command ${spec.command.join(' ')}` : '',
    spec.labels && Object.keys(spec.labels).length > 0 ? `${Object.keys(spec.labels).length} label${Object.keys(spec.labels).length > 1 ? 's' : ''}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : 'env file, volumes, network, restart policy, command, labels';
}

/** The ports the image declares with EXPOSE ("80/tcp"), empty when it declares none or cannot be read. */
async function exposedPorts(docker: Docker, image: string): Promise<string[]> {
  try {
    const info = await docker.getImage(image).inspect();
    return Object.keys(info.Config?.ExposedPorts ?? {}).sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
  } catch {
    return [];
  }
}

/** Env files of the workspace to offer (`.env`, `*.env`), relative to the workspace folder. */
async function workspaceEnvFiles(): Promise<string[]> {
  const folder = workspaceFolder();
  if (!folder) return [];
  const files = await vscode.workspace.findFiles('**/{.env,*.env,.env.*}', '**/node_modules/**', 50);
  return files.map((uri) => path.relative(folder, uri.fsPath)).sort();
}

/**
 * The multi-step input of "Run": name, ports (the image's EXPOSEd ports offered), environment, then Run
 * Detached / Run Interactive / More options…: env file (a pick of the workspace's env files or a file dialog),
 * volumes, network, restart policy, command, labels and mode. Each is validated as typed, starting from the
 * image's last run. Returns undefined when the user cancels.
 */
export async function askRunSpec(
  docker: Docker,
  start: RunSpec,
  prompts: Pick<Prompts, 'inputStep' | 'pickStep'>,
  checks: RunChecks = { nameClash: () => undefined, portClash: () => undefined },
  firstRun = false,
): Promise<RunSpec | undefined> {
  const title = `Run ${start.image}`;
  const spec: RunSpec = { ...start };
  let typedEnv = spec.env;
  let fileEnv: EnvEntry[] = [];
  const base = workspaceFolder();
  const [networks, exposed, envFiles] = await Promise.all([
    docker.listNetworks().then((list) => list.map((network) => network.Name).sort()),
    exposedPorts(docker, start.image),
    workspaceEnvFiles(),
  ]);
  if (firstRun && spec.ports.length === 0) {
    // A first run offers the image's own ports, published on the same host ports.
    spec.ports = exposed.flatMap((entry) => {
      const parsed = parsePort(`${parseInt(entry, 10)}:${entry}`);
      return parsed.ok ? [parsed.value] : [];
    });
  }

  const text = (
    prompt: string,
    value: string,
    parse: (value: string) => Parsed<unknown>,
    apply: (value: string) => void,
    placeholder?: string,
  ) => async (step: number, totalSteps: number): Promise<StepResult<unknown>> => {
    const result = await prompts.inputStep({ title, step, totalSteps, prompt, value, placeholder, validate: (typed) => reasonOf(parse(typed)) });
    if (result?.kind === 'value') apply(result.value);
    return result;
  };

  const parseName = (value: string): Parsed<string | undefined> => {
    const parsed = parseContainerName(value);
    const clash = parsed.ok && parsed.value ? checks.nameClash(parsed.value) : undefined;
    return clash ? { ok: false, reason: clash } : parsed;
  };
  const parsePorts = (value: string): Parsed<PortMapping[]> => {
    const parsed = parseList(value, parsePort);
    const clash = parsed.ok ? checks.portClash(parsed.value) : undefined;
    return clash ? { ok: false, reason: clash } : parsed;
  };

  const envFileStep = async (step: number, totalSteps: number): Promise<StepResult<unknown>> => {
    const choose = '$(folder-opened) Choose a File…';
    const offered = [...new Set([...(spec.envFile ? [spec.envFile] : []), ...envFiles])];
    const result = await prompts.pickStep<string | undefined>({
      title,
      step,
      totalSteps,
      active: spec.envFile,
      items: [{ label: 'None', description: 'no env file', value: undefined as string | undefined }]
        .concat(offered.map((file) => ({ label: file, description: file === spec.envFile ? 'last used' : 'env file', value: file as string | undefined })))
        .concat([{ label: choose, description: 'KEY=VALUE lines', value: choose }]),
    });
    if (result?.kind !== 'value') return result;
    let file = result.value;
    if (file === choose) {
      const chosen = await vscode.window.showOpenDialog({ canSelectFiles: true, canSelectFolders: false, canSelectMany: false, defaultUri: base ? vscode.Uri.file(base) : undefined, openLabel: 'Use as Env File' });
      if (!chosen?.[0]) return envFileStep(step, totalSteps);
      file = base && !path.relative(base, chosen[0].fsPath).startsWith('..') ? path.relative(base, chosen[0].fsPath) : chosen[0].fsPath;
    }
    const parsed = file ? readEnvFile(file) : { ok: true as const, value: [] };
    if (!parsed.ok) {
      void vscode.window.showErrorMessage(parsed.reason);
      return envFileStep(step, totalSteps);
    }
    spec.envFile = file;
    fileEnv = parsed.value;
    return { kind: 'value', value: file };
  };

  const restartStep = async (step: number, totalSteps: number): Promise<StepResult<unknown>> => {
    const result = await prompts.pickStep<RestartPolicy['name']>({
      title,
      step,
      totalSteps,
      active: spec.restart.name,
      items: [
        { label: 'no', description: 'never restart (the default)', value: 'no' as const },
        { label: 'always', description: 'restart whenever it stops, also after the engine restarts', value: 'always' as const },
        { label: 'unless-stopped', description: 'like always, except after a stop you asked for', value: 'unless-stopped' as const },
        { label: 'on-failure', description: 'restart when it exits with a non-zero code', value: 'on-failure' as const },
      ],
    });
    if (result?.kind !== 'value') return result;
    if (result.value !== 'on-failure') {
      spec.restart = { name: result.value };
      return result;
    }
    const retries = await prompts.inputStep({
      title,
      step,
      totalSteps,
      prompt: 'on-failure: the most restarts to try (empty: no limit)',
      value: spec.restart.maximumRetryCount === undefined ? '' : String(spec.restart.maximumRetryCount),
      validate: (typed) => (/^\s*\d*\s*$/.test(typed) ? undefined : `"${typed}" is not a number of restarts.`),
    });
    if (retries?.kind !== 'value') return retries?.kind === 'back' ? restartStep(step, totalSteps) : retries;
    spec.restart = { name: 'on-failure', maximumRetryCount: retries.value.trim() === '' ? undefined : Number(retries.value) };
    return retries;
  };

  const volumesStep = text(
    'Volumes: source:target[:ro] (a volume name, an absolute host path, or ./path in the workspace folder), separated by spaces',
    spec.volumes.map((volume) => quoteWord(renderVolume(volume))).join(' '),
    (value) => parseList(value, (item) => parseVolume(item, base)),
    (value) => {
      const parsed = parseList(value, (item) => parseVolume(item, base));
      spec.volumes = parsed.ok ? parsed.value : [];
    },
    'e.g. data:/var/lib/data ./src:/src:ro',
  );

  const networkStep = async (step: number, totalSteps: number): Promise<StepResult<unknown>> => {
    const result = await prompts.pickStep<string | undefined>({
      title,
      step,
      totalSteps,
      active: spec.network,
      items: [{ label: 'default', description: "the engine's default network", value: undefined as string | undefined }].concat(
        networks.map((name) => ({ label: name, description: '', value: name as string | undefined })),
      ),
    });
    if (result?.kind === 'value') spec.network = result.value;
    return result;
  };

  const commandStep = text("Command (empty: the image's default command)", spec.command.map(quoteWord).join(' '), splitCommandLine, (value) => {
    const parsed = splitCommandLine(value);
    spec.command = parsed.ok ? parsed.value : [];
  });

  const labelsStep = text(
    'Labels: key=value, separated by spaces (empty for none)',
    Object.entries(spec.labels ?? {}).map(([key, value]) => quoteWord(`${key}=${value}`)).join(' '),
    (value) => parseList(value, parseLabel),
    (value) => {
      const parsed = parseList(value, parseLabel);
      const labels = parsed.ok ? parsed.value : [];
      spec.labels = labels.length > 0 ? Object.fromEntries(labels.map((label) => [label.key, label.value])) : undefined;
    },
    'e.g. com.example.team=web',
  );

  const modeStep = async (step: number, totalSteps: number): Promise<StepResult<unknown>> => {
    const result = await prompts.pickStep<boolean>({
      title,
      step,
      totalSteps,
      active: spec.interactive,
      items: [
        { label: 'Detached', description: 'run in the background', value: false },
        { label: 'Interactive', description: "open a terminal on the container's TTY", value: true },
      ],
    });
    if (result?.kind === 'value') spec.interactive = result.value;
    return result;
  };

  // The optional steps stay folded behind "More options…" unless chosen; their remembered values still apply.
  let more = false;
  const exposedNote = exposed.length > 0 ? ` — the image exposes ${exposed.join(', ')}` : '';
  const completed = await runSteps([
    text('Container name (empty: the engine picks one)', spec.name ?? '', parseName, (value) => {
      const parsed = parseContainerName(value);
      spec.name = parsed.ok ? parsed.value : undefined;
    }),
    text(
      `Published ports: [ip:]host:container[/tcp|udp], ranges as 8000-8001:8000-8001, separated by spaces${exposedNote}`,
      spec.ports.map(renderPort).join(' '),
      parsePorts,
      (value) => {
        const parsed = parseList(value, parsePort);
        spec.ports = parsed.ok ? parsed.value : [];
      },
      exposed.length > 0 ? `e.g. ${exposed.map((entry) => `${parseInt(entry, 10)}:${entry.replace('/tcp', '')}`).join(' ')}` : 'e.g. 8080:80 127.0.0.1:5432:5432 53:53/udp',
    ),
    text(
      'Environment: KEY=VALUE, or NAME alone to pass it through from the environment; separated by spaces (quote values with spaces)',
      typedEnv.map((entry) => quoteWord(entry.value === undefined ? entry.key : `${entry.key}=${entry.value}`)).join(' '),
      (value) => parseList(value, parseEnv),
      (value) => {
        const parsed = parseList(value, parseEnv);
        typedEnv = parsed.ok ? parsed.value : [];
      },
    ),
    async (step, totalSteps) => {
      const result = await prompts.pickStep<'detached' | 'interactive' | 'more'>({
        title,
        step,
        totalSteps,
        active: more ? 'more' : spec.interactive ? 'interactive' : 'detached',
        items: [
          { label: 'Run Detached', description: 'in the background', value: 'detached' as const },
          { label: 'Run Interactive', description: "with a terminal on the container's TTY", value: 'interactive' as const },
          { label: 'More options…', description: optionsSummary(spec), value: 'more' as const },
        ],
      });
      if (result?.kind === 'value') {
        more = result.value === 'more';
        if (!more) spec.interactive = result.value === 'interactive';
      }
      return result;
    },
    ...[envFileStep, volumesStep, networkStep, restartStep, commandStep, labelsStep, modeStep].map((run) => ({ when: () => more, run })),
  ]);
  if (!completed) {
    return undefined;
  }
  // Typed variables win over the env file's, as with `docker run --env-file … -e …`.
  const typedKeys = new Set(typedEnv.map((entry) => entry.key));
  return { ...spec, env: [...fileEnv.filter((entry) => !typedKeys.has(entry.key)), ...typedEnv] };
}
