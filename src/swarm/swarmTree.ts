/**
 * The Swarm view's tree from a snapshot of the engine's swarm objects: nodes, services with their tasks,
 * stacks (services grouped by their stack label), secrets and configs. Pure: no VS Code, no engine.
 */
import type { NodeIcon } from '../explorer/nodes';
import { compareNames, markdownTable } from '../explorer/present/format';
import { PortConfig, stackLabel, SwarmNodeInfo, SwarmServiceInfo, SwarmSnapshot, SwarmTaskInfo } from './swarmTypes';

export type SwarmNodeKind = 'swarmGroup' | 'swarmEngine' | 'swarmNode' | 'swarmService' | 'swarmTask' | 'swarmStack' | 'swarmSecret' | 'swarmConfig' | 'swarmMessage';

/** One element of the Swarm view, as command handlers receive it. */
export interface SwarmTreeNode {
  kind: SwarmNodeKind;
  /** The engine's id of the object (for a stack or a group, its name). */
  id: string;
  /** What the user calls it (a service's name, a node's hostname). */
  name: string;
  /** The engine the object belongs to (a key of the engine provider). */
  engineKey: string;
  /** Unique within the view and stable across refreshes. */
  treeId: string;
  label: string;
  description?: string;
  icon: NodeIcon;
  /** Kind and state for menus: `swarmService`, `swarmServiceUpdatable`, `swarmNode:worker:active`… */
  contextValue: string;
  tooltip?: () => string;
  children?: SwarmTreeNode[];
  expanded?: boolean;
}

/** How many of a service's finished tasks (failed, shut down) are kept under it, newest first. */
export const finishedTasksShown = 3;

/** The image of a spec without the digest pin the CLI adds (`busybox:1@sha256:…` → `busybox:1`). */
export function imageWithoutDigest(image: string | undefined): string {
  return (image ?? '').replace(/@sha256:[0-9a-f]+$/, '');
}

/** `8080→80/tcp`, with `(host)` for host-mode publishing. */
export function formatPublishedPorts(ports: PortConfig[] | undefined): string {
  return (ports ?? [])
    .filter((port) => port.PublishedPort)
    .map((port) => `${port.PublishedPort}→${port.TargetPort}/${port.Protocol ?? 'tcp'}${port.PublishMode === 'host' ? ' (host)' : ''}`)
    .join(', ');
}

export function serviceMode(service: SwarmServiceInfo): string {
  const mode = service.Spec?.Mode ?? {};
  if (mode.Global) return 'global';
  if (mode.ReplicatedJob) return 'replicated job';
  if (mode.GlobalJob) return 'global job';
  return 'replicated';
}

/** Tasks the orchestrator wants running (not the history of replaced or failed ones). */
export function isCurrent(task: SwarmTaskInfo): boolean {
  return task.DesiredState !== 'shutdown' && task.DesiredState !== 'remove';
}

/** Running and desired task counts: the engine's `ServiceStatus` when it sends it, else counted from the tasks. */
export function serviceReplicas(service: SwarmServiceInfo, tasks: SwarmTaskInfo[]): { running: number; desired: number } {
  const own = tasks.filter((task) => task.ServiceID === service.ID);
  const running = service.ServiceStatus?.RunningTasks ?? own.filter((task) => task.Status?.State === 'running' && isCurrent(task)).length;
  const desired =
    service.ServiceStatus?.DesiredTasks ?? service.Spec?.Mode?.Replicated?.Replicas ?? own.filter((task) => isCurrent(task)).length;
  return { running, desired };
}

/** The word for an update in progress or stopped (`updating`, `rollback paused`), or undefined when none. */
export function updateState(service: SwarmServiceInfo): string | undefined {
  const state = service.UpdateStatus?.State;
  if (!state || state === 'completed' || state === 'rollback_completed') {
    return undefined;
  }
  return state.replace('_', ' ');
}

/** A task's name as the CLI shows it: `web.2` (replicated) or `web.<node>` (global). */
export function taskName(task: SwarmTaskInfo, serviceName: string, nodes: Map<string, SwarmNodeInfo>): string {
  if (task.Slot) {
    return `${serviceName}.${task.Slot}`;
  }
  const node = task.NodeID ? nodes.get(task.NodeID) : undefined;
  return `${serviceName}.${node?.Description?.Hostname ?? task.NodeID?.slice(0, 12) ?? task.ID.slice(0, 12)}`;
}

function nodeName(node: SwarmNodeInfo): string {
  return node.Spec?.Name || node.Description?.Hostname || node.ID.slice(0, 12);
}

const taskIcons: Record<string, NodeIcon> = {
  running: { id: 'pass-filled', color: 'testing.iconPassed' },
  complete: { id: 'pass', color: 'testing.iconPassed' },
  failed: { id: 'error', color: 'testing.iconFailed' },
  rejected: { id: 'error', color: 'testing.iconFailed' },
  shutdown: { id: 'circle-slash' },
  orphaned: { id: 'warning', color: 'list.warningForeground' },
};

export function taskNode(task: SwarmTaskInfo, serviceName: string, nodes: Map<string, SwarmNodeInfo>, engineKey: string, parent = ''): SwarmTreeNode {
  const state = task.Status?.State ?? 'unknown';
  const node = task.NodeID ? nodes.get(task.NodeID) : undefined;
  const name = taskName(task, serviceName, nodes);
  const error = task.Status?.Err;
  // Where a current task is heading (`preparing → running`); a finished task's `shutdown` says nothing more.
  const desired = isCurrent(task) && task.DesiredState && task.DesiredState !== state ? `→ ${task.DesiredState}` : '';
  return {
    kind: 'swarmTask',
    id: task.ID,
    name,
    engineKey,
    treeId: `${engineKey}/${parent}task/${task.ID}`,
    label: name,
    description: [state, desired, node ? nodeName(node) : '', error ?? ''].filter(Boolean).join(' · '),
    icon: taskIcons[state] ?? { id: 'loading~spin' },
    contextValue: 'swarmTask',
    tooltip: () =>
      markdownTable(name, [
        ['ID', task.ID],
        ['State', state],
        ['Desired state', task.DesiredState],
        ['Node', node ? nodeName(node) : task.NodeID],
        ['Image', imageWithoutDigest(task.Spec?.ContainerSpec?.Image)],
        ['Message', task.Status?.Message],
        ['Error', error],
        ['Container', task.Status?.ContainerStatus?.ContainerID],
      ]),
  };
}

/** A service's tasks: the current ones by slot, then the most recent finished ones. */
export function serviceTasks(service: SwarmServiceInfo, tasks: SwarmTaskInfo[]): SwarmTaskInfo[] {
  const own = tasks.filter((task) => task.ServiceID === service.ID);
  const bySlot = (a: SwarmTaskInfo, b: SwarmTaskInfo) => (a.Slot ?? 0) - (b.Slot ?? 0) || (a.NodeID ?? '').localeCompare(b.NodeID ?? '');
  const newest = (a: SwarmTaskInfo, b: SwarmTaskInfo) => (b.UpdatedAt ?? '').localeCompare(a.UpdatedAt ?? '');
  const current = own.filter(isCurrent).sort(bySlot);
  const finished = own.filter((task) => !isCurrent(task)).sort(newest).slice(0, finishedTasksShown);
  return [...current, ...finished];
}

export function serviceNode(service: SwarmServiceInfo, snapshot: SwarmSnapshot, nodes: Map<string, SwarmNodeInfo>, engineKey: string, parent = ''): SwarmTreeNode {
  const name = service.Spec?.Name ?? service.ID.slice(0, 12);
  const { running, desired } = serviceReplicas(service, snapshot.tasks);
  const image = imageWithoutDigest(service.Spec?.TaskTemplate?.ContainerSpec?.Image);
  const ports = formatPublishedPorts(service.Endpoint?.Ports ?? service.Spec?.EndpointSpec?.Ports);
  const mode = serviceMode(service);
  const update = updateState(service);
  const tasks = serviceTasks(service, snapshot.tasks);
  const healthy = running >= desired;
  return {
    kind: 'swarmService',
    id: service.ID,
    name,
    engineKey,
    treeId: `${engineKey}/${parent}service/${service.ID}`,
    label: name,
    description: [`${mode} ${running}/${desired}`, update ?? '', image, ports].filter(Boolean).join(' · '),
    icon: update ? { id: 'sync~spin' } : healthy ? { id: 'layers-active', color: 'testing.iconPassed' } : { id: 'layers', color: 'list.warningForeground' },
    // Scaling applies to replicated services alone; a rollback needs a previous spec.
    contextValue: ['swarmService', mode === 'replicated' ? 'Scalable' : '', service.PreviousSpec ? 'Rollbackable' : ''].join(''),
    tooltip: () =>
      markdownTable(name, [
        ['ID', service.ID],
        ['Mode', mode],
        ['Replicas', `${running} running of ${desired}`],
        ['Image', image],
        ['Ports', ports],
        ['Update', update ? `${update}${service.UpdateStatus?.Message ? `: ${service.UpdateStatus.Message}` : ''}` : undefined],
        ['Stack', service.Spec?.Labels?.[stackLabel]],
      ]),
    children: tasks.map((task) => taskNode(task, name, nodes, engineKey, parent)),
    expanded: false,
  };
}

export function swarmNodeNode(node: SwarmNodeInfo, engineKey: string): SwarmTreeNode {
  const role = node.Spec?.Role ?? 'worker';
  const availability = node.Spec?.Availability ?? 'active';
  const state = node.Status?.State ?? 'unknown';
  const version = node.Description?.Engine?.EngineVersion;
  const leader = node.ManagerStatus?.Leader ? 'leader' : '';
  const name = nodeName(node);
  return {
    kind: 'swarmNode',
    id: node.ID,
    name,
    engineKey,
    treeId: `${engineKey}/node/${node.ID}`,
    label: name,
    description: [leader ? `${role} (leader)` : role, availability, state, version ?? ''].filter(Boolean).join(' · '),
    icon: state === 'ready' ? { id: 'server', color: availability === 'active' ? 'testing.iconPassed' : 'list.warningForeground' } : { id: 'server', color: 'testing.iconFailed' },
    contextValue: `swarmNode:${role}:${availability}`,
    tooltip: () =>
      markdownTable(name, [
        ['ID', node.ID],
        ['Role', role],
        ['Leader', leader ? 'yes' : undefined],
        ['Availability', availability],
        ['State', state],
        ['Address', node.Status?.Addr],
        ['Engine', version],
        ['Platform', [node.Description?.Platform?.OS, node.Description?.Platform?.Architecture].filter(Boolean).join('/')],
        ['Labels', Object.entries(node.Spec?.Labels ?? {}).map(([key, value]) => `${key}=${value}`)],
      ]),
  };
}

function namedNode(kind: 'swarmSecret' | 'swarmConfig', item: { ID: string; CreatedAt?: string; Spec?: { Name?: string; Labels?: Record<string, string> } }, engineKey: string): SwarmTreeNode {
  const name = item.Spec?.Name ?? item.ID.slice(0, 12);
  return {
    kind,
    id: item.ID,
    name,
    engineKey,
    treeId: `${engineKey}/${kind}/${item.ID}`,
    label: name,
    description: item.CreatedAt ? `created ${item.CreatedAt.slice(0, 19).replace('T', ' ')}` : undefined,
    icon: { id: kind === 'swarmSecret' ? 'lock' : 'file-code' },
    contextValue: kind,
    tooltip: () =>
      markdownTable(name, [
        ['ID', item.ID],
        ['Created', item.CreatedAt],
        ['Stack', item.Spec?.Labels?.[stackLabel]],
      ]),
  };
}

function group(engineKey: string, id: string, label: string, children: SwarmTreeNode[], icon: string, empty: string): SwarmTreeNode {
  return {
    kind: 'swarmGroup',
    id,
    name: label,
    engineKey,
    treeId: `${engineKey}/group/${id}`,
    label,
    description: `${children.length}`,
    icon: { id: icon },
    contextValue: 'swarmGroup',
    children: children.length > 0 ? children : [messageNode(engineKey, `${id}/empty`, empty)],
    expanded: id === 'services' || id === 'nodes',
  };
}

export function messageNode(engineKey: string, id: string, text: string, icon = 'info'): SwarmTreeNode {
  return { kind: 'swarmMessage', id, name: text, engineKey, treeId: `${engineKey}/message/${id}`, label: text, icon: { id: icon }, contextValue: 'swarmMessage' };
}

const byName = <T extends { name: string }>(a: T, b: T) => compareNames(a.name, b.name);

/** The five groups of one manager's swarm. */
export function swarmTree(snapshot: SwarmSnapshot, engineKey: string): SwarmTreeNode[] {
  const nodes = new Map(snapshot.nodes.map((node) => [node.ID, node]));
  const services = snapshot.services.map((service) => serviceNode(service, snapshot, nodes, engineKey)).sort(byName);
  const stacks = new Map<string, SwarmServiceInfo[]>();
  for (const service of snapshot.services) {
    const stack = service.Spec?.Labels?.[stackLabel];
    if (stack) {
      stacks.set(stack, [...(stacks.get(stack) ?? []), service]);
    }
  }
  const stackNodes = [...stacks.entries()]
    .map(([stack, members]): SwarmTreeNode => {
      const children = members.map((service) => serviceNode(service, snapshot, nodes, engineKey, `stack/${stack}/`)).sort(byName);
      return {
        kind: 'swarmStack',
        id: stack,
        name: stack,
        engineKey,
        treeId: `${engineKey}/stack/${stack}`,
        label: stack,
        description: `${children.length} service${children.length === 1 ? '' : 's'}`,
        icon: { id: 'layers' },
        contextValue: 'swarmStack',
        children,
      };
    })
    .sort(byName);
  return [
    group(engineKey, 'nodes', 'Nodes', snapshot.nodes.map((node) => swarmNodeNode(node, engineKey)).sort(byName), 'server-environment', 'No nodes.'),
    group(engineKey, 'services', 'Services', services, 'layers', 'No services.'),
    group(engineKey, 'stacks', 'Stacks', stackNodes, 'layers', 'No stacks.'),
    group(engineKey, 'secrets', 'Secrets', snapshot.secrets.map((secret) => namedNode('swarmSecret', secret, engineKey)).sort(byName), 'lock', 'No secrets.'),
    group(engineKey, 'configs', 'Configs', snapshot.configs.map((config) => namedNode('swarmConfig', config, engineKey)).sort(byName), 'file-code', 'No configs.'),
  ];
}

/** What one engine's part of the view shows. */
export type SwarmEngineView =
  | { key: string; label: string; role: 'manager'; snapshot: SwarmSnapshot }
  | { key: string; label: string; role: 'none' | 'worker' | 'loading' }
  | { key: string; label: string; role: 'failed'; reason: string };

function engineChildren(engine: SwarmEngineView): SwarmTreeNode[] {
  switch (engine.role) {
    case 'manager':
      return swarmTree(engine.snapshot, engine.key);
    case 'worker':
      return [messageNode(engine.key, 'worker', 'This engine is a swarm worker: only a manager can show the swarm.')];
    case 'none':
      return [messageNode(engine.key, 'none', 'This engine is not in a swarm.')];
    case 'loading':
      return [messageNode(engine.key, 'loading', 'Reading the swarm…', 'loading~spin')];
    case 'failed':
      return [messageNode(engine.key, 'failed', `The swarm cannot be read: ${engine.reason}`, 'warning')];
  }
}

/** The view's roots: one engine's groups at the top, or, with several engines, one node per engine. */
export function swarmRoots(engines: SwarmEngineView[]): SwarmTreeNode[] {
  if (engines.length === 1) {
    return engineChildren(engines[0]);
  }
  return engines.map((engine) => ({
    kind: 'swarmEngine',
    id: engine.key,
    name: engine.label,
    engineKey: engine.key,
    treeId: `${engine.key}/engine`,
    label: engine.label,
    description: engine.role === 'manager' ? `manager · ${engine.snapshot.nodes.length} nodes` : engine.role,
    icon: { id: 'vm' },
    contextValue: 'swarmEngine',
    children: engineChildren(engine),
    expanded: true,
  }));
}
