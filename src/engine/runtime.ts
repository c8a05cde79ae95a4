/**
 * Which engine answers the Docker API: Docker's own, or Podman's compatible service (`podman system service`),
 * told apart by `/version` (Podman names its component "Podman Engine"). Pure.
 */
import type Docker from 'dockerode';

export type EngineRuntime = 'docker' | 'podman';

export function runtimeOf(version: Pick<Docker.DockerVersion, 'Components'> | undefined): EngineRuntime {
  return (version?.Components ?? []).some((component) => /^podman engine$/i.test(component.Name)) ? 'podman' : 'docker';
}

export function runtimeName(runtime: EngineRuntime | undefined): string {
  return runtime === 'podman' ? 'Podman' : 'Docker';
}

/**
 * Podman's compatible API puts a container on its own bridge (adding firewall chains) unless told otherwise:
 * a run on Podman always asks for no network. Returns the options to send and, when the user had asked for a
 * network, a sentence saying it was not used.
 */
export function podmanCreateOptions(options: Docker.ContainerCreateOptions): { options: Docker.ContainerCreateOptions; note?: string } {
  const asked = options.HostConfig?.NetworkMode;
  const note = asked && asked !== 'none' && asked !== 'default' && asked !== 'bridge' ? `Podman: the container runs without a network (network "${asked}" was not used).` : undefined;
  return { options: { ...options, HostConfig: { ...options.HostConfig, NetworkMode: 'none' } }, note };
}
