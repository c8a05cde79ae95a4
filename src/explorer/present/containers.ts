import type Docker from 'dockerode';
import { ExplorerNode, groupNode, NodeIcon } from '../nodes';
import { compareNames, markdownTable, relativeTime, shortId } from './format';

export const containerGroupings = ['composeProject', 'state', 'image', 'none'] as const;
export type ContainerGrouping = (typeof containerGroupings)[number];
export const containerSorts = ['name', 'created', 'state'] as const;
export type ContainerSort = (typeof containerSorts)[number];

export interface ContainerViewOptions {
  groupBy: ContainerGrouping;
  sortBy: ContainerSort;
  nowMs: number;
}

export type ContainerHealth = 'healthy' | 'unhealthy' | 'starting' | undefined;

const composeProjectLabel = 'com.docker.compose.project';

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

export function containerTooltip(container: Docker.ContainerInfo, nowMs: number): string {
  const labels = Object.entries(container.Labels ?? {}).map(([key, value]) => `${key}=${value}`);
  return markdownTable(containerName(container), [
    ['ID', container.Id],
    ['Image', container.Image],
    ['Command', container.Command],
    ['State', container.Status || container.State],
    ['Created', `${new Date(container.Created * 1000).toISOString()} (${relativeTime(container.Created, nowMs)})`],
    ['Ports', formatPorts(container.Ports)],
    ['Mounts', (container.Mounts ?? []).map((mount) => `${mount.Name ?? mount.Source} → ${mount.Destination}${mount.RW ? '' : ' (ro)'}`)],
    ['Networks', Object.keys(container.NetworkSettings?.Networks ?? {})],
    ['Labels', labels.length > 30 ? [...labels.slice(0, 30), `… ${labels.length - 30} more`] : labels],
  ]);
}

export function containerNode(container: Docker.ContainerInfo, nowMs: number): ExplorerNode {
  const name = containerName(container);
  const ports = formatPorts(container.Ports);
  return {
    kind: 'container',
    id: container.Id,
    name,
    treeId: container.Id,
    label: name,
    description: [container.Image, container.Status || container.State, ports.join(', ')].filter(Boolean).join(' · '),
    icon: containerIcon(container),
    contextValue: containerContextValue(container),
    tooltip: () => containerTooltip(container, nowMs),
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

/** The Containers view's root nodes: groups (sorted by key) then ungrouped containers, each list sorted. */
export function containerTree(containers: Iterable<Docker.ContainerInfo>, options: ContainerViewOptions): ExplorerNode[] {
  const sorted = [...containers].sort(compareContainers(options.sortBy));
  const toNodes = (list: Docker.ContainerInfo[]) => list.map((container) => containerNode(container, options.nowMs));
  switch (options.groupBy) {
    case 'none':
      return toNodes(sorted);
    case 'composeProject': {
      const { groups, rest } = groupBy(sorted, (container) => container.Labels?.[composeProjectLabel] || undefined);
      const projects = [...groups.keys()].sort().map((project) => {
        const members = groups.get(project) ?? [];
        const running = members.filter((container) => container.State === 'running').length;
        return groupNode('composeProject', project, project, toNodes(members), {
          description: `${running}/${members.length} running`,
          icon: { id: 'layers', color: running === members.length ? 'charts.green' : running > 0 ? 'charts.yellow' : undefined },
          contextValue: running > 0 ? 'composeProjectRunning' : 'composeProject',
        });
      });
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
