/**
 * What the user asked `Run` to do, as plain data: stored per image ("Run again"), turned into the
 * engine's create options, and rendered as an equivalent `docker run` command line. Pure.
 */
import type Docker from 'dockerode';
import type { EnvEntry, PortMapping, RestartPolicy, VolumeMount } from './runInputs';

export interface RunSpec {
  image: string;
  name?: string;
  ports: PortMapping[];
  env: EnvEntry[];
  /** Env file path as given (its entries are already merged into `env` when the spec was made). */
  envFile?: string;
  volumes: VolumeMount[];
  network?: string;
  restart: RestartPolicy;
  /** Command override; empty keeps the image's CMD. */
  command: string[];
  interactive: boolean;
  /** Labels Dockside adds (the tests mark what they create); not part of the user's input. */
  labels?: Record<string, string>;
}

function portKey(port: PortMapping): string {
  return `${port.containerPort}/${port.protocol}`;
}

export function toCreateOptions(spec: RunSpec): Docker.ContainerCreateOptions {
  const exposedPorts: Record<string, object> = {};
  const portBindings: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
  for (const port of spec.ports) {
    exposedPorts[portKey(port)] = {};
    (portBindings[portKey(port)] ??= []).push({ HostIp: port.hostIp ?? '', HostPort: port.hostPort === undefined ? '' : String(port.hostPort) });
  }
  const restart: Docker.HostRestartPolicy = { Name: spec.restart.name === 'no' ? '' : spec.restart.name };
  if (spec.restart.name === 'on-failure' && spec.restart.maximumRetryCount !== undefined) {
    restart.MaximumRetryCount = spec.restart.maximumRetryCount;
  }
  return {
    Image: spec.image,
    name: spec.name,
    Cmd: spec.command.length > 0 ? spec.command : undefined,
    Env: spec.env.map((entry) => `${entry.key}=${entry.value}`),
    ExposedPorts: exposedPorts,
    Labels: spec.labels,
    Tty: spec.interactive,
    OpenStdin: spec.interactive,
    AttachStdin: spec.interactive,
    AttachStdout: spec.interactive,
    AttachStderr: spec.interactive,
    StdinOnce: false,
    HostConfig: {
      PortBindings: portBindings,
      // Binds have the semantics of `docker run -v` (a missing bind source is created), so the copied command matches.
      Binds: spec.volumes.map(renderVolume),
      NetworkMode: spec.network,
      RestartPolicy: restart,
    },
  };
}

/** Quotes a word for a POSIX shell only when it needs it. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) {
    return word;
  }
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

function renderPort(port: PortMapping): string {
  const ip = port.hostIp ? (port.hostIp.includes(':') ? `[${port.hostIp}]:` : `${port.hostIp}:`) : '';
  const host = port.hostPort === undefined ? (ip ? ':' : '') : `${port.hostPort}:`;
  const proto = port.protocol === 'tcp' ? '' : `/${port.protocol}`;
  return `${ip}${host}${port.containerPort}${proto}`;
}

function renderVolume(volume: VolumeMount): string {
  return `${volume.source}:${volume.target}${volume.readOnly ? ':ro' : ''}`;
}

function renderRestart(policy: RestartPolicy): string | undefined {
  if (policy.name === 'no') {
    return undefined;
  }
  return policy.name === 'on-failure' && policy.maximumRetryCount !== undefined ? `on-failure:${policy.maximumRetryCount}` : policy.name;
}

/** The `docker run` command that creates the same container. */
export function renderDockerRun(spec: RunSpec): string {
  const args: string[] = ['docker', 'run'];
  args.push(spec.interactive ? '-it' : '-d');
  if (spec.name) args.push('--name', spec.name);
  for (const port of spec.ports) args.push('-p', renderPort(port));
  for (const entry of spec.env) args.push('-e', `${entry.key}=${entry.value}`);
  for (const volume of spec.volumes) args.push('-v', renderVolume(volume));
  if (spec.network) args.push('--network', spec.network);
  const restart = renderRestart(spec.restart);
  if (restart) args.push('--restart', restart);
  for (const [key, value] of Object.entries(spec.labels ?? {})) args.push('--label', `${key}=${value}`);
  args.push(spec.image, ...spec.command);
  return args.map(shellQuote).join(' ');
}
