import type Docker from 'dockerode';

/** The engine software behind a Docker API endpoint. */
export type EngineRuntime = 'Docker' | 'Podman';

/** The engine's part in a Swarm, from `/info` (`none` outside one; `pending`/`error` while it joins or fails). */
export type SwarmRole = 'manager' | 'worker' | 'none' | 'pending' | 'error';

/** What the Engines view shows of a connected engine, and what features check before offering engine-specific things. */
export interface EngineFacts {
  runtime: EngineRuntime;
  version: string;
  apiVersion: string;
  os: string;
  arch: string;
  swarmRole: SwarmRole;
  /** The engine's own name for itself (`Info.Name`, its host name). */
  name: string;
}

/** Docker or Podman, from `/version`: Podman lists a component named "Podman Engine". */
export function runtimeOf(version: Pick<Docker.DockerVersion, 'Components'>): EngineRuntime {
  return (version.Components ?? []).some((component) => /podman/i.test(component.Name)) ? 'Podman' : 'Docker';
}

interface SwarmInfo {
  LocalNodeState?: string;
  ControlAvailable?: boolean;
}

/** The swarm role from `/info` `Swarm`: a manager has `ControlAvailable`; an active node without it is a worker. */
export function swarmRoleOf(info: { Swarm?: SwarmInfo }): SwarmRole {
  const swarm = info.Swarm;
  switch (swarm?.LocalNodeState) {
    case 'active':
      return swarm.ControlAvailable ? 'manager' : 'worker';
    case 'pending':
      return 'pending';
    case 'error':
      return 'error';
    default:
      return 'none';
  }
}

/** The facts from the engine's `/version` and `/info` answers. */
export function engineFacts(version: Docker.DockerVersion, info: { Swarm?: SwarmInfo; Name?: string; OSType?: string; Architecture?: string }): EngineFacts {
  return {
    runtime: runtimeOf(version),
    version: version.Version,
    apiVersion: version.ApiVersion,
    os: version.Os || info.OSType || '',
    arch: version.Arch || info.Architecture || '',
    swarmRole: swarmRoleOf(info),
    name: info.Name ?? '',
  };
}

/** One line for a row: "Docker 28.2.2 · linux/amd64 · swarm manager". */
export function describeFacts(facts: EngineFacts): string {
  const parts = [`${facts.runtime} ${facts.version}`, `${facts.os}/${facts.arch}`];
  if (facts.swarmRole !== 'none') {
    parts.push(`swarm ${facts.swarmRole}`);
  }
  return parts.join(' · ');
}
