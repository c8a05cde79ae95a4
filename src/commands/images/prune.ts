import type { Dockside } from '../../dockside';
import { pruneImages as pruneImagesOnEngine } from '../../engine/actions';
import { imagesInUse, imageTags, isDangling } from '../../explorer/present/images';
import { shortId } from '../../explorer/present/format';
import { confirmAndPrune } from '../explorer/prune';
import { prompts } from '../explorer/prompts';

/** Prunes dangling images, or every image no container uses; reports the space reclaimed. */
export const pruneImages = (dockside: Dockside) => async (): Promise<string | undefined> => {
  await dockside.ensureExplorer();
  const scope = await prompts.quickPick(
    [
      { label: 'Dangling images', description: 'untagged images no container uses', all: false },
      { label: 'All unused images', description: 'every image no container uses, tagged or not', all: true },
    ],
    { placeHolder: 'Which images to prune?' },
  );
  if (!scope) {
    return undefined;
  }
  const listedAt = Date.now() / 1000;
  const inUse = imagesInUse(dockside.explorer.containers.values());
  const candidates = dockside.explorer.images
    .all()
    .filter((image) => !inUse.has(image.Id) && (scope.all || isDangling(image)))
    .map((image) => (isDangling(image) ? shortId(image.Id) : imageTags(image).join(', ')));
  const docker = dockside.docker;
  return confirmAndPrune('image', candidates, `Prune ${candidates.length} ${scope.all ? 'unused' : 'dangling'} image(s)?`, () =>
    pruneImagesOnEngine(docker, { all: scope.all, until: listedAt }),
  );
};
