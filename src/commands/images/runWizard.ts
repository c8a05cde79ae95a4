import * as fs from 'node:fs';
import * as path from 'node:path';
import type Docker from 'dockerode';
import * as vscode from 'vscode';
import type { RunSpec } from '../../run/runSpec';
import { EnvEntry, parseContainerName, parseEnv, parseEnvFile, parseList, parsePort, parseRestartPolicy, parseVolume, splitCommandLine } from '../../run/runInputs';
import type { Parsed } from '../../registry/imageReference';
import type { Prompts } from '../explorer/prompts';
import { runSteps, StepResult } from '../multiStepInput';

function reasonOf<T>(parsed: Parsed<T>): string | undefined {
  return parsed.ok ? undefined : parsed.reason;
}

function quoteWord(word: string): string {
  return /^[^\s'"\\]+$/.test(word) ? word : `"${word.replace(/["\\$`]/g, '\\$&')}"`;
}

function resolveEnvFile(file: string): string {
  const base = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd();
  return path.resolve(base, file);
}

function readEnvFile(file: string): Parsed<EnvEntry[]> {
  try {
    return parseEnvFile(fs.readFileSync(resolveEnvFile(file), 'utf8'));
  } catch {
    return { ok: false, reason: `Cannot read the env file "${file}".` };
  }
}

/**
 * The multi-step input of "Run": name, ports, environment, env file, volumes, network, restart policy,
 * command and mode, each validated as typed, starting from the image's last run. Returns undefined when
 * the user cancels.
 */
export async function askRunSpec(
  docker: Docker,
  start: RunSpec,
  prompts: Pick<Prompts, 'inputStep' | 'pickStep'>,
  /** Why a container name is taken (from the explorer's model), or undefined when it is free. */
  nameClash: (name: string) => string | undefined = () => undefined,
): Promise<RunSpec | undefined> {
  const title = `Run ${start.image}`;
  const spec: RunSpec = { ...start };
  let typedEnv = spec.env;
  let fileEnv: EnvEntry[] = [];
  const networks = (await docker.listNetworks()).map((network) => network.Name).sort();

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

  const completed = await runSteps([
    text('Container name (empty: the engine picks one)', spec.name ?? '', (value) => {
      const parsed = parseContainerName(value);
      const clash = parsed.ok && parsed.value ? nameClash(parsed.value) : undefined;
      return clash ? { ok: false, reason: clash } : parsed;
    }, (value) => {
      const parsed = parseContainerName(value);
      spec.name = parsed.ok ? parsed.value : undefined;
    }),
    text(
      'Published ports: [ip:]host:container[/tcp|udp], separated by spaces',
      spec.ports.map((port) => `${port.hostIp ? `${port.hostIp}:` : ''}${port.hostPort ?? ''}${port.hostPort !== undefined || port.hostIp ? ':' : ''}${port.containerPort}${port.protocol === 'tcp' ? '' : `/${port.protocol}`}`).join(' '),
      (value) => parseList(value, parsePort),
      (value) => {
        const parsed = parseList(value, parsePort);
        spec.ports = parsed.ok ? parsed.value : [];
      },
      'e.g. 8080:80 127.0.0.1:5432:5432 53:53/udp',
    ),
    text(
      'Environment: KEY=VALUE, separated by spaces (quote values with spaces)',
      typedEnv.map((entry) => quoteWord(`${entry.key}=${entry.value}`)).join(' '),
      (value) => parseList(value, parseEnv),
      (value) => {
        const parsed = parseList(value, parseEnv);
        typedEnv = parsed.ok ? parsed.value : [];
      },
    ),
    text(
      'Env file (KEY=VALUE lines), relative to the workspace folder; empty for none',
      spec.envFile ?? '',
      (value) => (value.trim() === '' ? { ok: true, value: [] } : readEnvFile(value.trim())),
      (value) => {
        spec.envFile = value.trim() || undefined;
        const parsed = spec.envFile ? readEnvFile(spec.envFile) : undefined;
        fileEnv = parsed?.ok ? parsed.value : [];
      },
    ),
    text(
      'Volumes: source:target[:ro] (a volume name or an absolute host path), separated by spaces',
      spec.volumes.map((volume) => quoteWord(`${volume.source}:${volume.target}${volume.readOnly ? ':ro' : ''}`)).join(' '),
      (value) => parseList(value, parseVolume),
      (value) => {
        const parsed = parseList(value, parseVolume);
        spec.volumes = parsed.ok ? parsed.value : [];
      },
      'e.g. data:/var/lib/data /home/me/src:/src:ro',
    ),
    async (step, totalSteps) => {
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
    },
    text(
      'Restart policy: no, always, unless-stopped or on-failure[:N]',
      spec.restart.name === 'on-failure' && spec.restart.maximumRetryCount !== undefined ? `on-failure:${spec.restart.maximumRetryCount}` : spec.restart.name,
      parseRestartPolicy,
      (value) => {
        const parsed = parseRestartPolicy(value);
        spec.restart = parsed.ok ? parsed.value : { name: 'no' };
      },
    ),
    text('Command (empty: the image\'s default command)', spec.command.map(quoteWord).join(' '), splitCommandLine, (value) => {
      const parsed = splitCommandLine(value);
      spec.command = parsed.ok ? parsed.value : [];
    }),
    async (step, totalSteps) => {
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
    },
  ]);
  if (!completed) {
    return undefined;
  }
  // Typed variables win over the env file's, as with `docker run --env-file … -e …`.
  const typedKeys = new Set(typedEnv.map((entry) => entry.key));
  return { ...spec, env: [...fileEnv.filter((entry) => !typedKeys.has(entry.key)), ...typedEnv] };
}

