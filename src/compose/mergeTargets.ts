/** What a Compose command acts on, as far as merging a multi-selection goes. */
export interface MergeableTarget {
  project: string;
  files: readonly string[];
  /** The services acted on; empty: the whole project. */
  services: string[];
}

/**
 * One target per project (and files) out of a multi-selection, in the order first selected: the services of one
 * project gathered into one run, and the whole project when any selected row means all of it.
 */
export function mergeTargets<T extends MergeableTarget>(targets: readonly T[]): T[] {
  const byProject = new Map<string, T>();
  for (const target of targets) {
    const key = [target.project, ...target.files].join('\0');
    const seen = byProject.get(key);
    if (!seen) {
      byProject.set(key, { ...target, services: [...target.services] });
    } else if (seen.services.length === 0 || target.services.length === 0) {
      seen.services = [];
    } else {
      seen.services.push(...target.services.filter((service) => !seen.services.includes(service)));
    }
  }
  return [...byProject.values()];
}
