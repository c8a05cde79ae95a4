import type { Dockside } from '../../dockside';
import { createVolume as createVolumeOnEngine } from '../../engine/actions';
import { prompts } from '../explorer/prompts';
import { volumeNameClash } from '../nameClash';

export function validateVolumeName(value: string): string | undefined {
  return /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(value) ? undefined : 'Letters, digits, "_", "." and "-", starting with a letter or digit.';
}

/** Creates a local volume with the name the user gives (checked as typed, against the volumes the explorer knows). */
export const createVolume = (dockside: Dockside) => async (): Promise<string | undefined> => {
  await dockside.ensureExplorer();
  const name = await prompts.inputBox({
    title: 'Create Volume',
    prompt: 'Volume name',
    validateInput: (value) => validateVolumeName(value) ?? volumeNameClash(dockside.explorer, value),
  });
  if (!name) {
    return undefined;
  }
  try {
    await createVolumeOnEngine(dockside.docker, name);
    return name;
  } catch (error) {
    void dockside.notices.failed(`Cannot create volume "${name}"`, error);
    return undefined;
  }
};
