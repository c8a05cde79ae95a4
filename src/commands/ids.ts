/**
 * Every command the extension contributes, named `dockside.<resource>.<verb>`.
 * The command table must implement exactly these, and package.json must declare exactly these (a test checks both).
 */
export const commandIds = [
  'dockside.engine.retry',
  'dockside.engine.refresh',
  'dockside.languageServer.restart',
  'dockside.containers.start',
  'dockside.containers.stop',
  'dockside.containers.restart',
  'dockside.containers.pause',
  'dockside.containers.unpause',
  'dockside.containers.kill',
  'dockside.containers.remove',
  'dockside.containers.inspect',
  'dockside.containers.copyId',
  'dockside.containers.copyName',
  'dockside.containers.groupBy',
  'dockside.images.remove',
  'dockside.images.tag',
  'dockside.images.inspect',
  'dockside.images.history',
  'dockside.images.prune',
  'dockside.images.toggleDangling',
  'dockside.volumes.create',
  'dockside.volumes.remove',
  'dockside.volumes.inspect',
  'dockside.volumes.prune',
  'dockside.networks.create',
  'dockside.networks.remove',
  'dockside.networks.inspect',
  'dockside.networks.prune',
  'dockside.networks.toggleBuiltIn',
] as const;

export type CommandId = (typeof commandIds)[number];
