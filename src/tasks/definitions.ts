/**
 * The task types Dockside contributes (`contributes.taskDefinitions` in package.json describes the same
 * properties for tasks.json) and their mapping to what the build and run commands already use: a BuildRequest
 * and a RunSpec. Pure: paths are resolved against the task's folder, files are read through the given reader,
 * and every bad value becomes a sentence for the task's terminal.
 */
import * as path from 'node:path';
import type { BuildRequest } from '../build/buildRunner';
import { parseBuilderSetting } from '../build/builderChoice';
import { parseImageReference } from '../registry/imageReference';
import { parseContainerName, parseEnvFile, parsePort, parseVolume, splitCommandLine, type EnvEntry, type PortMapping, type VolumeMount } from '../run/runInputs';
import type { RunSpec } from '../run/runSpec';

export const TASK_TYPES = { build: 'docker-build', run: 'docker-run', compose: 'docker-compose' } as const;

export interface DockerBuildDefinition {
  type: 'docker-build';
  dockerfile?: string;
  context?: string;
  tags?: string | string[];
  buildArgs?: Record<string, string>;
  target?: string;
  platform?: string;
  labels?: Record<string, string>;
  builder?: string;
  noCache?: boolean;
}

export interface DockerRunDefinition {
  type: 'docker-run';
  image?: string;
  name?: string;
  ports?: string[];
  env?: Record<string, string>;
  envFiles?: string[];
  volumes?: string[];
  network?: string;
  command?: string | string[];
  labels?: Record<string, string>;
  remove?: boolean;
  detached?: boolean;
}

export const COMPOSE_COMMANDS = ['up', 'down', 'build', 'pull', 'restart', 'logs'] as const;
export type ComposeCommand = (typeof COMPOSE_COMMANDS)[number];

export interface DockerComposeDefinition {
  type: 'docker-compose';
  command?: string;
  files?: string[];
  profiles?: string[];
  envFile?: string;
  services?: string[];
  detached?: boolean;
  build?: boolean;
}

export type Mapped<T> = { ok: true; value: T } | { ok: false; reason: string };

const refuse = (reason: string): Mapped<never> => ({ ok: false, reason });

function isRecordOfStrings(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((item) => typeof item === 'string');
}

function stringList(value: unknown, property: string): Mapped<string[]> {
  if (value === undefined) return { ok: true, value: [] };
  if (typeof value === 'string') return { ok: true, value: [value] };
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return { ok: true, value };
  return refuse(`"${property}" must be a string or a list of strings.`);
}

function record(value: unknown, property: string): Mapped<Record<string, string>> {
  if (value === undefined) return { ok: true, value: {} };
  return isRecordOfStrings(value) ? { ok: true, value } : refuse(`"${property}" must be an object of string values ({ "KEY": "value" }).`);
}

function optionalString(value: unknown, property: string): Mapped<string | undefined> {
  if (value === undefined || value === '') return { ok: true, value: undefined };
  return typeof value === 'string' ? { ok: true, value } : refuse(`"${property}" must be a string.`);
}

function optionalBoolean(value: unknown, property: string, fallback: boolean): Mapped<boolean> {
  if (value === undefined) return { ok: true, value: fallback };
  return typeof value === 'boolean' ? { ok: true, value } : refuse(`"${property}" must be true or false.`);
}

/** Every item through `parse`; the first bad one names the property and the item. */
function each<T>(items: string[], property: string, parse: (item: string) => { ok: true; value: T } | { ok: false; reason: string }): Mapped<T[]> {
  const values: T[] = [];
  for (const item of items) {
    const parsed = parse(item);
    if (!parsed.ok) return refuse(`"${property}": ${parsed.reason}`);
    values.push(parsed.value);
  }
  return { ok: true, value: values };
}

/** Runs the steps in order and returns the first refusal, else undefined. */
function firstRefusal(...results: Mapped<unknown>[]): string | undefined {
  for (const result of results) {
    if (!result.ok) return result.reason;
  }
  return undefined;
}

/** A `docker-build` task → the build the "Build Image" command runs. `folder`: the task's workspace folder. */
export function buildRequestOf(definition: DockerBuildDefinition, folder: string): Mapped<BuildRequest> {
  const context = optionalString(definition.context, 'context');
  const dockerfile = optionalString(definition.dockerfile, 'dockerfile');
  const tags = stringList(definition.tags, 'tags');
  const buildArgs = record(definition.buildArgs, 'buildArgs');
  const labels = record(definition.labels, 'labels');
  const target = optionalString(definition.target, 'target');
  const platform = optionalString(definition.platform, 'platform');
  const builder = optionalString(definition.builder, 'builder');
  const noCache = optionalBoolean(definition.noCache, 'noCache', false);
  const refusal = firstRefusal(context, dockerfile, tags, buildArgs, labels, target, platform, builder, noCache);
  if (refusal || !context.ok || !dockerfile.ok || !tags.ok || !buildArgs.ok || !labels.ok || !target.ok || !platform.ok || !builder.ok || !noCache.ok) {
    return refuse(refusal ?? 'Invalid task.');
  }
  for (const tag of tags.value) {
    const reference = parseImageReference(tag);
    if (!reference.ok) return refuse(`"tags": ${reference.reason}`);
    if (reference.value.digest) return refuse(`"tags": a tag cannot have a digest: "${tag}".`);
  }
  if (builder.value !== undefined && !['auto', 'buildkit', 'classic'].includes(builder.value)) {
    return refuse(`"builder" must be auto, buildkit or classic, not "${builder.value}".`);
  }
  const contextDir = path.resolve(folder, context.value ?? '.');
  return {
    ok: true,
    value: {
      contextDir,
      dockerfile: path.resolve(folder, dockerfile.value ?? path.join(contextDir, 'Dockerfile')),
      tags: tags.value,
      buildArgs: buildArgs.value,
      target: target.value,
      platform: platform.value,
      labels: Object.keys(labels.value).length > 0 ? labels.value : undefined,
      noCache: noCache.value || undefined,
      builder: builder.value === undefined ? undefined : parseBuilderSetting(builder.value),
    },
  };
}

/** A failed build's task exit code: the failing command's, else 1 (a build that fails never exits 0). */
export function failedBuildExitCode(exitCode: number | undefined): number {
  return exitCode !== undefined && exitCode > 0 && exitCode < 256 ? exitCode : 1;
}

export interface RunTask {
  spec: RunSpec;
  /** Whether the task ends once the container started (true) or follows it to its exit, ending with its code. */
  detached: boolean;
}

/**
 * A `docker-run` task → the RunSpec of the "Run" command. Env files are read in order (`readFile` by absolute
 * path); `env` is applied after them, as `docker run --env-file … -e …` does.
 */
export function runTaskOf(definition: DockerRunDefinition, folder: string, readFile: (file: string) => string): Mapped<RunTask> {
  const image = optionalString(definition.image, 'image');
  if (!image.ok) return image;
  if (!image.value) return refuse('"image" is required: the image to run (name[:tag]).');
  const reference = parseImageReference(image.value);
  if (!reference.ok) return refuse(`"image": ${reference.reason}`);
  const nameText = optionalString(definition.name, 'name');
  const name = nameText.ok ? parseContainerName(nameText.value ?? '') : nameText;
  const ports = stringList(definition.ports, 'ports');
  const portMappings: Mapped<PortMapping[]> = ports.ok ? each(ports.value, 'ports', parsePort) : ports;
  const env = record(definition.env, 'env');
  const envFiles = stringList(definition.envFiles, 'envFiles');
  const volumes = stringList(definition.volumes, 'volumes');
  const mounts: Mapped<VolumeMount[]> = volumes.ok ? each(volumes.value, 'volumes', (item) => parseVolume(item, folder)) : volumes;
  const network = optionalString(definition.network, 'network');
  const labels = record(definition.labels, 'labels');
  const remove = optionalBoolean(definition.remove, 'remove', false);
  const detached = optionalBoolean(definition.detached, 'detached', true);
  let command: Mapped<string[]>;
  if (definition.command === undefined) command = { ok: true, value: [] };
  else if (typeof definition.command === 'string') {
    const split = splitCommandLine(definition.command);
    command = split.ok ? split : refuse(`"command": ${split.reason}`);
  } else command = stringList(definition.command, 'command');
  const refusal = firstRefusal(name, portMappings, env, envFiles, mounts, network, labels, remove, detached, command);
  if (refusal || !name.ok || !portMappings.ok || !env.ok || !envFiles.ok || !mounts.ok || !network.ok || !labels.ok || !remove.ok || !detached.ok || !command.ok) {
    return refuse(refusal ?? 'Invalid task.');
  }
  const entries: EnvEntry[] = [];
  for (const file of envFiles.value) {
    const absolute = path.resolve(folder, file);
    let text: string;
    try {
      text = readFile(absolute);
    } catch (error) {
      return refuse(`"envFiles": cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
    }
    const parsed = parseEnvFile(text);
    if (!parsed.ok) return refuse(`"envFiles": ${file}: ${parsed.reason}`);
    entries.push(...parsed.value);
  }
  entries.push(...Object.entries(env.value).map(([key, value]) => ({ key, value })));
  return {
    ok: true,
    value: {
      detached: detached.value,
      spec: {
        image: image.value,
        name: name.value,
        ports: portMappings.value,
        env: entries,
        envFile: envFiles.value[0],
        volumes: mounts.value,
        network: network.value,
        restart: { name: 'no' },
        command: command.value,
        interactive: false,
        labels: Object.keys(labels.value).length > 0 ? labels.value : undefined,
        autoRemove: remove.value || undefined,
      },
    },
  };
}

export interface ComposeTask {
  /** Compose files (absolute) in merge order; empty: Compose's default files in `cwd`. */
  files: string[];
  envFiles: string[];
  profiles: string[];
  cwd: string;
  /** The subcommand and its arguments (`up -d --build web`). */
  args: string[];
}

/** Subcommands that take service names. */
const TAKES_SERVICES: ReadonlySet<ComposeCommand> = new Set(['up', 'build', 'pull', 'restart', 'logs']);

/** A `docker-compose` task → the Compose invocation (files, env file, profiles) and its subcommand's arguments. */
export function composeTaskOf(definition: DockerComposeDefinition, folder: string): Mapped<ComposeTask> {
  const command = definition.command ?? 'up';
  if (!COMPOSE_COMMANDS.includes(command as ComposeCommand)) {
    return refuse(`"command" must be one of ${COMPOSE_COMMANDS.join(', ')}, not "${String(command)}".`);
  }
  const files = stringList(definition.files, 'files');
  const profiles = stringList(definition.profiles, 'profiles');
  const services = stringList(definition.services, 'services');
  const envFile = optionalString(definition.envFile, 'envFile');
  const detached = optionalBoolean(definition.detached, 'detached', true);
  const build = optionalBoolean(definition.build, 'build', false);
  const refusal = firstRefusal(files, profiles, services, envFile, detached, build);
  if (refusal || !files.ok || !profiles.ok || !services.ok || !envFile.ok || !detached.ok || !build.ok) {
    return refuse(refusal ?? 'Invalid task.');
  }
  const subcommand = command as ComposeCommand;
  if (services.value.length > 0 && !TAKES_SERVICES.has(subcommand)) {
    return refuse(`"services" cannot be given to ${subcommand}: it acts on the whole project.`);
  }
  const absolute = files.value.map((file) => path.resolve(folder, file));
  const args: string[] = [subcommand];
  if (subcommand === 'up') {
    if (detached.value) args.push('-d');
    if (build.value) args.push('--build');
  }
  if (subcommand === 'logs' && !detached.value) args.push('--follow');
  args.push(...(TAKES_SERVICES.has(subcommand) ? services.value : []));
  return {
    ok: true,
    value: {
      files: absolute,
      envFiles: envFile.value ? [path.resolve(folder, envFile.value)] : [],
      profiles: profiles.value,
      cwd: absolute.length > 0 ? path.dirname(absolute[0]) : folder,
      args,
    },
  };
}
