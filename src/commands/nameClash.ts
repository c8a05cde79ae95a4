/**
 * Whether a name the user types for a new container, network or volume is already taken, read from the
 * explorer's model (live from engine events), so the input box says it as it is typed. Pure.
 */
import type { ExplorerModel } from '../explorer/model';

function containerNames(model: ExplorerModel, name: string): string | undefined {
  for (const container of model.containers.values()) {
    if ((container.Names ?? []).some((candidate) => candidate.replace(/^\//, '') === name)) {
      return container.State || 'existing';
    }
  }
  return undefined;
}

/** The reason a new container cannot be named `name`, or undefined when the name is free. */
export function containerNameClash(model: ExplorerModel, name: string): string | undefined {
  const state = containerNames(model, name.trim().replace(/^\//, ''));
  return state === undefined ? undefined : `A container named "${name.trim()}" already exists (${state}); choose another name.`;
}

export function networkNameClash(model: ExplorerModel, name: string): string | undefined {
  const taken = model.networks.all().some((network) => network.Name === name.trim());
  return taken ? `A network named "${name.trim()}" already exists; choose another name.` : undefined;
}

export function volumeNameClash(model: ExplorerModel, name: string): string | undefined {
  return model.volumes.has(name.trim()) ? `A volume named "${name.trim()}" already exists; choose another name.` : undefined;
}
