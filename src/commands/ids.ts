/**
 * Every command the extension contributes, named `dockside.<resource>.<verb>`.
 * The command table must implement exactly these, and package.json must declare exactly these (a test checks both).
 */
export const commandIds = [
  'dockside.engine.retry',
  'dockside.languageServer.restart',
  'dockside.images.build',
  'dockside.images.buildAgain',
  'dockside.images.run',
  'dockside.images.runAgain',
  'dockside.images.copyRunCommand',
  'dockside.images.pull',
  'dockside.images.push',
  'dockside.containers.logs',
  'dockside.containers.exec',
  'dockside.containers.execWithOptions',
  'dockside.containers.attach',
  'dockside.containers.commit',
  'dockside.composeProjects.logs',
  'dockside.logs.toggleTimestamps',
] as const;

export type CommandId = (typeof commandIds)[number];
