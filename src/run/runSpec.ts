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
  /** The container's labels (the labels step; the tests mark what they create with one). */
  labels?: Record<string, string>;
  /** The engine removes the container when it exits (`docker run --rm`). */
  autoRemove?: boolean;
}

/** One binding per container port, as the engine takes them: a range is spread; a host pool stays "a-b". */
function bindings(port: PortMapping): Array<{ key: string; hostPort: string }> {
  const count = (port.containerPortEnd ?? port.containerPort) - port.containerPort + 1;
  if (count === 1) {
    const host = port.hostPort === undefined ? '' : port.hostPortEnd === undefined ? String(port.hostPort) : `${port.hostPort}-${port.hostPortEnd}`;
    return [{ key: `${port.containerPort}/${port.protocol}`, hostPort: host }];
  }
  return Array.from({ length: count }, (_, index) => ({
    key: `${port.containerPort + index}/${port.protocol}`,
    hostPort: port.hostPort === undefined ? '' : String(port.hostPort + index),
  }));
}

/** The `Env` list: `-e NAME` entries take the value `environment` has, or are left out as `docker run` does. */
function envList(entries: RunSpec['env'], environment: Readonly<Record<string, string | undefined>>): string[] {
  return entries.flatMap((entry) => {
    const value = entry.value ?? environment[entry.key];
    return value === undefined ? [] : [`${entry.key}=${value}`];
  });
}

export function toCreateOptions(spec: RunSpec, environment: Readonly<Record<string, string | undefined>> = process.env): Docker.ContainerCreateOptions {
  const exposedPorts: Record<string, object> = {};
  const portBindings: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
  for (const port of spec.ports) {
    for (const binding of bindings(port)) {
      exposedPorts[binding.key] = {};
      (portBindings[binding.key] ??= []).push({ HostIp: port.hostIp ?? '', HostPort: binding.hostPort });
    }
  }
  const restart: Docker.HostRestartPolicy = { Name: spec.restart.name === 'no' ? '' : spec.restart.name };
  if (spec.restart.name === 'on-failure' && spec.restart.maximumRetryCount !== undefined) {
    restart.MaximumRetryCount = spec.restart.maximumRetryCount;
  }
  return {
    Image: spec.image,
    name: spec.name,
    Cmd: spec.command.length > 0 ? spec.command : undefined,
    Env: envList(spec.env, environment),
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
      ...(spec.autoRemove ? { AutoRemove: true } : {}),
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

/** `[ip:][host[-end]:]container[-end][/proto]`, as `docker run -p` and the wizard's ports step take it. */
export function renderPort(port: PortMapping): string {
  const ip = port.hostIp ? (port.hostIp.includes(':') ? `[${port.hostIp}]:` : `${port.hostIp}:`) : '';
  const host = port.hostPort === undefined ? (ip ? ':' : '') : `${port.hostPort}${port.hostPortEnd === undefined ? '' : `-${port.hostPortEnd}`}:`;
  const container = `${port.containerPort}${port.containerPortEnd === undefined ? '' : `-${port.containerPortEnd}`}`;
  const proto = port.protocol === 'tcp' ? '' : `/${port.protocol}`;
  return `${ip}${host}${container}${proto}`;
}

export function renderVolume(volume: VolumeMount): string {
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
  if (spec.autoRemove) args.push('--rm');
  if (spec.name) args.push('--name', spec.name);
  for (const port of spec.ports) args.push('-p', renderPort(port));
  for (const entry of spec.env) args.push('-e', entry.value === undefined ? entry.key : `${entry.key}=${entry.value}`);
  for (const volume of spec.volumes) args.push('-v', renderVolume(volume));
  if (spec.network) args.push('--network', spec.network);
  const restart = renderRestart(spec.restart);
  if (restart) args.push('--restart', restart);
  for (const [key, value] of Object.entries(spec.labels ?? {})) args.push('--label', `${key}=${value}`);
  args.push(spec.image, ...spec.command);
  return args.map(shellQuote).join(' ');
}
