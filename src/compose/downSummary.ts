/** The words of the confirmation before `compose down`: what goes, by name. */

export interface DownContents {
  project: string;
  containers: readonly string[];
  networks: readonly string[];
  volumes: readonly string[];
}

export interface DownOptions {
  removeVolumes: boolean;
  removeOrphans: boolean;
}

function named(noun: string, names: readonly string[], limit = 6): string {
  if (names.length === 0) {
    return `its ${noun}s`;
  }
  const shown = names.length > limit ? [...names.slice(0, limit), `${names.length - limit} more`] : names;
  return `${names.length === 1 ? `its ${noun}` : `its ${names.length} ${noun}s`} (${shown.join(', ')})`;
}

/** "Take down Compose project "shop"?" and the detail naming its containers, networks and, when chosen, volumes. */
export function downConfirmation(contents: DownContents, options: DownOptions): { message: string; detail: string } {
  const parts = [named('container', contents.containers), named('network', contents.networks)];
  if (options.removeVolumes) {
    parts.push(contents.volumes.length > 0 ? named('volume', contents.volumes) : 'its named volumes');
  }
  const list = `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  const keep = options.removeVolumes ? '' : ' Its volumes are kept.';
  const orphans = options.removeOrphans ? ' Containers of services no longer in the Compose files are removed too.' : '';
  return {
    message: `Take down Compose project "${contents.project}"?`,
    detail: `This stops and removes ${list}.${keep}${orphans}`,
  };
}
