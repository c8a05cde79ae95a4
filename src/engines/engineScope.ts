import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The engine a command acts on. A command run from an item of one engine runs inside that engine's scope, so
 * everything it does through "the engine" (`dockside.docker`, `dockside.explorer`), however deep and however
 * late (awaits, timers), goes to that engine; outside any scope it is the current engine.
 */
const scope = new AsyncLocalStorage<string>();

export function runOnEngine<T>(engineKey: string | undefined, work: () => T): T {
  return engineKey === undefined ? work() : scope.run(engineKey, work);
}

/** The engine key of the command under way, if it came from an item of a given engine. */
export function scopedEngineKey(): string | undefined {
  return scope.getStore();
}

/** The engine key carried by a command's arguments (`(node?, nodes?)`): the clicked node's, else the selection's. */
export function engineKeyOfArguments(args: readonly unknown[]): string | undefined {
  const keyOf = (value: unknown): string | undefined => {
    const engine = typeof value === 'object' && value !== null ? (value as { engine?: unknown }).engine : undefined;
    return typeof engine === 'string' ? engine : undefined;
  };
  return keyOf(args[0]) ?? (Array.isArray(args[1]) ? args[1].map(keyOf).find((key) => key !== undefined) : undefined);
}
