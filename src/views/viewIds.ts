/** The explorer's views, in the order they appear in the Dockside view container. */
export const viewIds = ['dockside.containers', 'dockside.images', 'dockside.volumes', 'dockside.networks'] as const;

export type ViewId = (typeof viewIds)[number];

/** The Swarm view, after the explorer's (shown while a connected engine is a swarm manager). */
export const swarmViewId = 'dockside.swarm';
/** The Registries view, after the explorer's views in the same container. */
export const registriesViewId = 'dockside.registries';
/** The Container Changes view (`docker diff` of one container), after the explorer's views; shown on demand. */
export const changesViewId = 'dockside.changes';
