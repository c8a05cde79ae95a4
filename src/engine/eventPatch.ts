import type Docker from 'dockerode';
import type { EngineEvent } from './events';

/**
 * What a container lifecycle event says about the container's list entry, applied at once so the tree shows
 * the change without waiting for the re-read (which follows and replaces it with the engine's own data).
 * The status texts are the engine's (`Up Less than a second`, `Exited (137) Less than a second ago`, `(Paused)`).
 * Undefined when the event implies nothing certain.
 */
export function containerAfterEvent(event: EngineEvent, current: Docker.ContainerInfo | undefined): Docker.ContainerInfo | undefined {
  if (event.Type !== 'container' || !current) {
    return undefined;
  }
  const unpaused = current.Status.replace(/ \(Paused\)$/, '');
  switch (event.Action) {
    case 'pause':
      return { ...current, State: 'paused', Status: `${unpaused} (Paused)` };
    case 'unpause':
      return { ...current, State: 'running', Status: unpaused };
    case 'start':
    case 'restart':
      return { ...current, State: 'running', Status: 'Up Less than a second' };
    case 'die': {
      const exitCode = event.Actor.Attributes?.exitCode ?? '0';
      return { ...current, State: 'exited', Status: `Exited (${exitCode}) Less than a second ago` };
    }
    default:
      return undefined;
  }
}
