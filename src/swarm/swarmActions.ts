/**
 * Changes to a swarm through the Engine API: each reads the object's current spec and version, changes one
 * thing and sends it back with that version (the engine refuses a write based on a stale read). Engine I/O
 * without VS Code.
 */
import type Docker from 'dockerode';
import type { SwarmNodeInfo, SwarmServiceInfo } from './swarmTypes';

type ServiceSpec = NonNullable<SwarmServiceInfo['Spec']> & Record<string, unknown>;
type NodeSpec = NonNullable<SwarmNodeInfo['Spec']> & Record<string, unknown>;

/** docker-modem sends `_query` as the query string and `_body` as the JSON body. */
interface Write<T> {
  _query: Record<string, string | number>;
  _body: T;
}

async function writeService(docker: Docker, id: string, change: (spec: ServiceSpec) => void, query: Record<string, string> = {}): Promise<void> {
  const service = docker.getService(id);
  const current = (await service.inspect()) as SwarmServiceInfo;
  const spec = structuredClone(current.Spec ?? {}) as ServiceSpec;
  change(spec);
  const write: Write<ServiceSpec> = { _query: { version: current.Version?.Index ?? 0, ...query }, _body: spec };
  await service.update(write as unknown as object);
}

/** Sets a replicated service's replica count. */
export async function scaleService(docker: Docker, id: string, replicas: number): Promise<void> {
  await writeService(docker, id, (spec) => {
    if (!spec.Mode?.Replicated) {
      throw new Error('Only a replicated service can be scaled.');
    }
    spec.Mode.Replicated.Replicas = replicas;
  });
}

/**
 * Runs the service's tasks on another image, one after the other as its update config says. The image is sent
 * as given: the engine does not look it up in a registry (the digest pin is the CLI's doing).
 */
export async function updateServiceImage(docker: Docker, id: string, image: string): Promise<void> {
  await writeService(docker, id, (spec) => {
    spec.TaskTemplate = { ...spec.TaskTemplate, ContainerSpec: { ...spec.TaskTemplate?.ContainerSpec, Image: image } };
  });
}

/** Goes back to the service's previous spec (what `docker service rollback` does). */
export async function rollbackService(docker: Docker, id: string): Promise<void> {
  await writeService(docker, id, () => undefined, { rollback: 'previous' });
}

export async function removeService(docker: Docker, id: string): Promise<void> {
  await docker.getService(id).remove();
}

async function writeNode(docker: Docker, id: string, change: (spec: NodeSpec) => void): Promise<void> {
  const node = docker.getNode(id);
  const current = (await node.inspect()) as SwarmNodeInfo;
  const spec = structuredClone(current.Spec ?? {}) as NodeSpec;
  change(spec);
  const write: Write<NodeSpec> = { _query: { version: current.Version?.Index ?? 0 }, _body: spec };
  await node.update(write as unknown as object);
}

export type NodeAvailability = 'active' | 'pause' | 'drain';

/** Drain moves the node's tasks elsewhere; active lets it take tasks again. */
export async function setNodeAvailability(docker: Docker, id: string, availability: NodeAvailability): Promise<void> {
  await writeNode(docker, id, (spec) => (spec.Availability = availability));
}

/** Promote (worker → manager) or demote (manager → worker). */
export async function setNodeRole(docker: Docker, id: string, role: 'manager' | 'worker'): Promise<void> {
  await writeNode(docker, id, (spec) => (spec.Role = role));
}
