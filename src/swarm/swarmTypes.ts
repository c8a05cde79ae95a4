/**
 * The parts of the Engine API's Swarm objects that Dockside reads (`/nodes`, `/services?status=true`, `/tasks`,
 * `/secrets`, `/configs`, and `Swarm` of `/info`). Every field is optional: the engine omits what is unset.
 */

export interface SwarmVersion {
  Index?: number;
}

export interface SwarmNodeInfo {
  ID: string;
  Version?: SwarmVersion;
  Spec?: { Role?: string; Availability?: string; Labels?: Record<string, string>; Name?: string };
  Description?: {
    Hostname?: string;
    Platform?: { Architecture?: string; OS?: string };
    Engine?: { EngineVersion?: string };
  };
  Status?: { State?: string; Addr?: string; Message?: string };
  ManagerStatus?: { Leader?: boolean; Reachability?: string; Addr?: string };
}

export interface PortConfig {
  Name?: string;
  Protocol?: string;
  TargetPort?: number;
  PublishedPort?: number;
  PublishMode?: string;
}

export interface SwarmServiceInfo {
  ID: string;
  Version?: SwarmVersion;
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec?: {
    Name?: string;
    Labels?: Record<string, string>;
    TaskTemplate?: { ContainerSpec?: { Image?: string; TTY?: boolean } };
    Mode?: { Replicated?: { Replicas?: number }; Global?: object; ReplicatedJob?: { MaxConcurrent?: number; TotalCompletions?: number }; GlobalJob?: object };
    EndpointSpec?: { Ports?: PortConfig[] };
  };
  PreviousSpec?: object;
  Endpoint?: { Ports?: PortConfig[] };
  UpdateStatus?: { State?: string; Message?: string; StartedAt?: string; CompletedAt?: string };
  ServiceStatus?: { RunningTasks?: number; DesiredTasks?: number; CompletedTasks?: number };
}

export interface SwarmTaskInfo {
  ID: string;
  ServiceID?: string;
  NodeID?: string;
  Slot?: number;
  CreatedAt?: string;
  UpdatedAt?: string;
  DesiredState?: string;
  Spec?: { ContainerSpec?: { Image?: string } };
  Status?: { Timestamp?: string; State?: string; Message?: string; Err?: string; ContainerStatus?: { ContainerID?: string; ExitCode?: number } };
}

export interface SwarmSecretInfo {
  ID: string;
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec?: { Name?: string; Labels?: Record<string, string>; Driver?: { Name?: string } };
}

export type SwarmConfigInfo = SwarmSecretInfo;

/** Everything the Swarm view shows of one manager, listed at one moment. */
export interface SwarmSnapshot {
  nodes: SwarmNodeInfo[];
  services: SwarmServiceInfo[];
  tasks: SwarmTaskInfo[];
  secrets: SwarmSecretInfo[];
  configs: SwarmConfigInfo[];
}

/** `Swarm` of `/info`. */
export interface SwarmInfo {
  NodeID?: string;
  LocalNodeState?: string;
  ControlAvailable?: boolean;
  Error?: string;
}

/** What an engine is in a swarm: not in one, a worker (cannot list the swarm), or a manager. */
export type SwarmRole = 'none' | 'worker' | 'manager';

/** The engine's role from `/info` (pure): only an active node with control available is a manager. */
export function swarmRoleOf(info: { Swarm?: SwarmInfo } | undefined): SwarmRole {
  const swarm = info?.Swarm;
  if (!swarm || swarm.LocalNodeState !== 'active') {
    return 'none';
  }
  return swarm.ControlAvailable ? 'manager' : 'worker';
}

/** The label Compose-file stacks (`docker stack deploy`) put on their services. */
export const stackLabel = 'com.docker.stack.namespace';
