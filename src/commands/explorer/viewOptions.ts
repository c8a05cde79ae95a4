import type { Dockside } from '../../dockside';
import { containerGroupings } from '../../explorer/present/containers';
import { prompts } from './prompts';

/** Flips a boolean view setting (user scope). */
export function toggleSetting(key: 'images.showDangling' | 'networks.showBuiltIn') {
  return (dockside: Dockside) => async (): Promise<boolean> => {
    const next = key === 'images.showDangling' ? !dockside.config.imagesShowDangling : !dockside.config.networksShowBuiltIn;
    await dockside.config.update(key, next);
    return next;
  };
}

const groupingLabels: Record<(typeof containerGroupings)[number], string> = {
  composeProject: 'Compose project',
  state: 'State',
  image: 'Image',
  none: 'No grouping',
};

/** Picks how the Containers view groups its items. */
export const chooseContainerGrouping = (dockside: Dockside) => async (): Promise<string | undefined> => {
  const current = dockside.config.containersGroupBy;
  const picked = await prompts.quickPick(
    containerGroupings.map((value) => ({ label: groupingLabels[value], description: value === current ? 'current' : undefined, value })),
    { placeHolder: 'Group containers by' },
  );
  if (picked) {
    await dockside.config.update('containers.groupBy', picked.value);
  }
  return picked?.value;
};
