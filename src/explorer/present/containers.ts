import type Docker from 'dockerode';
import { ExplorerNode, groupNode, NodeIcon } from '../nodes';
import { compareNames, markdownTable, relativeTime, shortId } from './format';
import { ageClock, joinClocks, localDateTime, statusClock } from './time';

export const containerGroupings = ['composeProject', 'state', 'image', 'none'] as const;
export type ContainerGrouping = (typeof containerGroupings)[number];
export const containerSorts = ['name', 'created', 'state'] as const;
export type ContainerSort = (typeof containerSorts)[number];

export interface ContainerViewOptions {
  groupBy: ContainerGrouping;
  sortBy: ContainerSort;
  nowMs: number;
  /** When the engine gave a container's status, by id (epoch ms); `nowMs` when unknown. */
  observedAt?: (id: string) => number | undefined;
}

export type ContainerHealth = 'healthy' | 'unhealthy' | 'starting' | undefined;

/** The labels Docker Compose puts on the containers it creates. */
export const composeLabels = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  containerNumber: 'com.docker.compose.container-number',
  configFiles: 'com.docker.compose.project.config_files',
  workingDir: 'com.docker.compose.project.working_dir',
} as const;

export function containerName(container: Docker.ContainerInfo): string {
  return (container.Names?.[0] ?? shortId(container.Id)).replace(/^\//, '');
}

export function containerHealth(container: Docker.ContainerInfo): ContainerHealth {
  const match = /\((healthy|unhealthy|health: starting)\)/.exec(container.Status ?? '');
  if (!match) {
    return undefined;
  }
  return match[1] === 'health: starting' ? 'starting' : (match[1] as 'healthy' | 'unhealthy');
}

/** Icon by health first (when the container has a health check and runs), then by state. */
export function containerIcon(container: Docker.ContainerInfo): NodeIcon {
  const health = containerHealth(container);
  if (container.State === 'running' && health) {
    return {
      healthy: { id: 'pass-filled', color: 'charts.green' },
      unhealthy: { id: 'warning', color: 'charts.red' },
      starting: { id: 'loading~spin', color: 'charts.yellow' },
    }[health];
  }
  switch (container.State) {
    case 'running':
      return { id: 'vm-running', color: 'charts.green' };
    case 'paused':
      return { id: 'debug-pause', color: 'charts.yellow' };
    case 'restarting':
      return { id: 'sync~spin', color: 'charts.orange' };
    case 'dead':
      return { id: 'error', color: 'charts.red' };
    case 'created':
      return { id: 'vm-outline', color: 'charts.blue' };
    case 'removing':
      return { id: 'trash', color: 'charts.orange' };
    default:
      return { id: 'vm-outline' };
  }
}

/** `containerRunning`, `containerPaused`… for menus. */
export function containerContextValue(container: Docker.ContainerInfo): string {
  const state = container.State || 'unknown';
  return `container${state[0].toUpperCase()}${state.slice(1)}`;
}

/** "0.0.0.0:8080→80/tcp", without the IPv6 duplicate of a port published on both families. */
export function formatPorts(ports: Docker.Port[] | undefined): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  const sorted = [...(ports ?? [])].sort((a, b) => a.PrivatePort - b.PrivatePort || (a.PublicPort ?? 0) - (b.PublicPort ?? 0));
  for (const port of sorted) {
    const text = port.PublicPort ? `${port.PublicPort}→${port.PrivatePort}/${port.Type}` : `${port.PrivatePort}/${port.Type}`;
    if (!seen.has(text)) {
      seen.add(text);
      result.push(port.PublicPort && port.IP && port.IP !== '0.0.0.0' && port.IP !== '::' ? `${port.IP}:${text}` : text);
    }
  }
  return result;
}

/** Published ports, compact for a row: `8080→80`, `5353→53/udp`, `127.0.0.1:8080→80`; after three, `+N`. */
export function compactPorts(ports: Docker.Port[] | undefined): string {
  const published = formatPorts((ports ?? []).filter((port) => port.PublicPort)).map((text) => text.replace(/\/tcp$/, ''));
  return published.length > 3 ? `${published.slice(0, 3).join(', ')} +${published.length - 3}` : published.join(', ');
}

/** How a container row is rendered: the clock, and when its status was read (its age moves on from there). */
export interface ContainerRowOptions {
  nowMs: number;
  /** When the engine gave this container's status (epoch ms); defaults to `nowMs`. */
  observedAtMs?: number;
}

/** The container's status at a time: the engine's words, with the age carried forward from when it was read. */
export function containerStatusAt(container: Docker.ContainerInfo, observedAtMs: number, nowMs: number): string {
  return statusClock(container.Status || container.State, observedAtMs).at(nowMs);
}

/** `2026-01-10 12:00:00 (1 hour ago)`: the local time beside the age. */
export function timeAndAge(epochSeconds: number, nowMs: number): string {
  return `${localDateTime(epochSeconds * 1000)} (${relativeTime(epochSeconds, nowMs)})`;
}

export function containerTooltip(container: Docker.ContainerInfo, observedAtMs: number, nowMs: number): string {
  const labels = Object.entries(container.Labels ?? {}).map(([key, value]) => `${key}=${value}`);
  return markdownTable(containerName(container), [
    ['ID', container.Id],
    ['Image', container.Image],
    ['Command', container.Command],
    ['State', containerStatusAt(container, observedAtMs, nowMs)],
    ['Created', timeAndAge(container.Created, nowMs)],
    ['Ports', formatPorts(container.Ports)],
    ['Mounts', (container.Mounts ?? []).map((mount) => `${mount.Name ?? mount.Source} → ${mount.Destination}${mount.RW ? '' : ' (ro)'}`)],
    ['Networks', Object.keys(container.NetworkSettings?.Networks ?? {})],
    ['Labels', labels.length > 30 ? [...labels.slice(0, 30), `… ${labels.length - 30} more`] : labels],
  ]);
}

/**
 * A container row. `label` and `head` (the description's first part) default to the container's name and image;
 * a Compose service row passes the service name and the container's name.
 */
export function containerNode(container: Docker.ContainerInfo, options: ContainerRowOptions, shown: { label?: string; head?: string } = {}): ExplorerNode {
  const name = containerName(container);
  const observedAtMs = options.observedAtMs ?? options.nowMs;
  const ports = compactPorts(container.Ports);
  const head = shown.head ?? container.Image;
  const status = statusClock(container.Status || container.State, observedAtMs);
  const describeAt = (nowMs: number) => [head, status.at(nowMs), ports].filter(Boolean).join(' · ');
  return {
    kind: 'container',
    id: container.Id,
    name,
    treeId: container.Id,
    label: shown.label ?? name,
    description: describeAt(options.nowMs),
    describeAt,
    clock: joinClocks(status, ageClock(container.Created)),
    icon: containerIcon(container),
    contextValue: containerContextValue(container),
    tooltip: (nowMs) => containerTooltip(container, observedAtMs, nowMs),
  };
}

const stateOrder = ['running', 'restarting', 'paused', 'created', 'exited', 'dead', 'removing'];

function stateRank(state: string): number {
  const rank = stateOrder.indexOf(state);
  return rank < 0 ? stateOrder.length : rank;
}

function compareContainers(sortBy: ContainerSort): (a: Docker.ContainerInfo, b: Docker.ContainerInfo) => number {
  const names = new Map<Docker.ContainerInfo, string>();
  const nameOf = (container: Docker.ContainerInfo) => {
    let name = names.get(container);
    if (name === undefined) {
      name = containerName(container);
      names.set(container, name);
    }
    return name;
  };
  const byName = (a: Docker.ContainerInfo, b: Docker.ContainerInfo) => compareNames(nameOf(a), nameOf(b));
  switch (sortBy) {
    case 'created':
      return (a, b) => b.Created - a.Created || byName(a, b);
    case 'state':
      return (a, b) => stateRank(a.State) - stateRank(b.State) || byName(a, b);
    default:
      return byName;
  }
}

function groupBy(containers: Docker.ContainerInfo[], keyOf: (container: Docker.ContainerInfo) => string | undefined): {
  groups: Map<string, Docker.ContainerInfo[]>;
  rest: Docker.ContainerInfo[];
} {
  const groups = new Map<string, Docker.ContainerInfo[]>();
  const rest: Docker.ContainerInfo[] = [];
  for (const container of containers) {
    const key = keyOf(container);
    if (key === undefined) {
      rest.push(container);
    } else {
      const members = groups.get(key) ?? [];
      members.push(container);
      groups.set(key, members);
    }
  }
  return { groups, rest };
}

/** Running, partly running or stopped, from the members' states. */
function runningSummary(containers: readonly Docker.ContainerInfo[]): { running: number; total: number; text: string; color: string | undefined } {
  const running = containers.filter((container) => container.State === 'running').length;
  const total = containers.length;
  if (running === total) {
    return { running, total, text: total === 1 ? 'running' : `all ${total} running`, color: 'charts.green' };
  }
  return running === 0 ? { running, total, text: 'stopped', color: undefined } : { running, total, text: `${running}/${total} running`, color: 'charts.yellow' };
}

function replicaNumber(container: Docker.ContainerInfo): number {
  const number = Number(container.Labels?.[composeLabels.containerNumber]);
  return Number.isFinite(number) ? number : Number.POSITIVE_INFINITY;
}

export function composeProjectTooltip(project: string, members: readonly Docker.ContainerInfo[], services: ReadonlyMap<string, Docker.ContainerInfo[]>): string {
  const first = (label: string) => members.map((container) => container.Labels?.[label]).find(Boolean);
  const files = (first(composeLabels.configFiles) ?? '')
    .split(',')
    .map((file) => file.trim())
    .filter(Boolean);
  return markdownTable(project, [
    ['State', runningSummary(members).text],
    ['Working folder', first(composeLabels.workingDir)],
    ['Files', files],
    ['Services', [...services].map(([service, replicas]) => `${service} (${runningSummary(replicas).text})`)],
  ]);
}

/**
 * A Compose project: its services by name, each the container's row itself when it has one replica (labelled
 * with the service, the container's name in the description), else a group of its replicas.
 */
export function composeProjectNode(project: string, members: readonly Docker.ContainerInfo[], row: (container: Docker.ContainerInfo, shown?: { label?: string; head?: string }) => ExplorerNode): ExplorerNode {
  const { groups, rest } = groupBy([...members], (container) => container.Labels?.[composeLabels.service] || undefined);
  const services = new Map([...groups].sort(([a], [b]) => compareNames(a, b)));
  const children = [...services].map(([service, replicas]) => {
    if (replicas.length === 1) {
      // The service's row is its container's: the suffix adds the service's Compose actions to its menus.
      const node = row(replicas[0], { label: service, head: containerName(replicas[0]) });
      return { ...node, contextValue: `${node.contextValue}.composeService` };
    }
    const ordered = [...replicas].sort((a, b) => replicaNumber(a) - replicaNumber(b) || compareNames(containerName(a), containerName(b)));
    const summary = runningSummary(replicas);
    return groupNode('composeService', `${project}/${service}`, service, ordered.map((container) => row(container)), {
      name: service,
      contextValue: 'composeService',
      description: `${summary.text} · ${replicas.length} replicas`,
      icon: { id: 'server-process', color: summary.color },
    });
  });
  const summary = runningSummary(members);
  return groupNode('composeProject', project, project, [...children, ...rest.map((container) => row(container))], {
    description: summary.text,
    icon: { id: 'layers', color: summary.color },
    // Menus: Start for a project not all running, Stop for one with something running.
    contextValue: summary.running === 0 ? 'composeProject' : summary.running === summary.total ? 'composeProjectRunning' : 'composeProjectPartlyRunning',
    tooltip: () => composeProjectTooltip(project, members, services),
  });
}

/** The Containers view's root nodes: groups (sorted by key) then ungrouped containers, each list sorted. */
export function containerTree(containers: Iterable<Docker.ContainerInfo>, options: ContainerViewOptions): ExplorerNode[] {
  const sorted = [...containers].sort(compareContainers(options.sortBy));
  const row = (container: Docker.ContainerInfo, shown?: { label?: string; head?: string }) =>
    containerNode(container, { nowMs: options.nowMs, observedAtMs: options.observedAt?.(container.Id) }, shown);
  const toNodes = (list: Docker.ContainerInfo[]) => list.map((container) => row(container));
  switch (options.groupBy) {
    case 'none':
      return toNodes(sorted);
    case 'composeProject': {
      const { groups, rest } = groupBy(sorted, (container) => container.Labels?.[composeLabels.project] || undefined);
      const projects = [...groups.keys()].sort().map((project) => composeProjectNode(project, groups.get(project) ?? [], row));
      return [...projects, ...toNodes(rest)];
    }
    case 'state': {
      const { groups } = groupBy(sorted, (container) => container.State || 'unknown');
      return [...groups.keys()]
        .sort((a, b) => stateRank(a) - stateRank(b))
        .map((state) => groupNode('containerGroup', `state:${state}`, state, toNodes(groups.get(state) ?? [])));
    }
    case 'image': {
      const { groups } = groupBy(sorted, (container) => container.Image);
      return [...groups.keys()].sort().map((image) => groupNode('containerGroup', `image:${image}`, image, toNodes(groups.get(image) ?? [])));
    }
  }
}
