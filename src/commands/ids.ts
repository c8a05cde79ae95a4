/**
 * Every command the extension contributes, named `dockside.<resource>.<verb>`.
 * The command table must implement exactly these, and package.json must declare exactly these (a test checks both).
 */
export const commandIds = ['dockside.engine.retry', 'dockside.languageServer.restart'] as const;

export type CommandId = (typeof commandIds)[number];
