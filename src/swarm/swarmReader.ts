/** Reads an engine's swarm through the Engine API (dockerode), each request within the read deadline. */
import type Docker from 'dockerode';
import { readDeadlineMs, withDeadline } from '../engine/deadline';
import { SwarmConfigInfo, SwarmInfo, SwarmNodeInfo, SwarmRole, swarmRoleOf, SwarmSecretInfo, SwarmServiceInfo, SwarmSnapshot, SwarmTaskInfo } from './swarmTypes';

/** dockerode passes `abortSignal` (and the rest as the query) to these requests, though its typings leave it out. */
interface SignalledLists {
  info(options: { abortSignal: AbortSignal }): Promise<{ Swarm?: SwarmInfo }>;
  listNodes(options: { abortSignal: AbortSignal }): Promise<SwarmNodeInfo[]>;
  listServices(options: { abortSignal: AbortSignal; status: boolean }): Promise<SwarmServiceInfo[]>;
  listTasks(options: { abortSignal: AbortSignal }): Promise<SwarmTaskInfo[]>;
  listSecrets(options: { abortSignal: AbortSignal }): Promise<SwarmSecretInfo[]>;
  listConfigs(options: { abortSignal: AbortSignal }): Promise<SwarmConfigInfo[]>;
}

function lists(docker: Docker): SignalledLists {
  return docker as unknown as SignalledLists;
}

export async function readSwarmRole(docker: Docker): Promise<SwarmRole> {
  return swarmRoleOf(await withDeadline(readDeadlineMs, 'the engine info', (abortSignal) => lists(docker).info({ abortSignal })));
}

/** Nodes, services (with their task counts), tasks, secrets and configs, read at once. */
export async function readSwarmSnapshot(docker: Docker): Promise<SwarmSnapshot> {
  const api = lists(docker);
  const read = <T>(what: string, call: (abortSignal: AbortSignal) => Promise<T>) => withDeadline(readDeadlineMs, what, call);
  const [nodes, services, tasks, secrets, configs] = await Promise.all([
    read('the swarm nodes', (abortSignal) => api.listNodes({ abortSignal })),
    read('the services', (abortSignal) => api.listServices({ abortSignal, status: true })),
    read('the tasks', (abortSignal) => api.listTasks({ abortSignal })),
    read('the secrets', (abortSignal) => api.listSecrets({ abortSignal })),
    read('the configs', (abortSignal) => api.listConfigs({ abortSignal })),
  ]);
  return { nodes, services, tasks, secrets, configs };
}
