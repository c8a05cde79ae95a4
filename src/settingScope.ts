/**
 * Reading settings that a workspace must not choose (an executable, an engine endpoint, a network mode, a shell,
 * a user). They are contributed with `machine` scope, which VS Code does not apply from workspace or folder
 * settings; these reads hold to that even if a workspace value reached `get()`. Pure.
 */

/** The parts of VS Code's `WorkspaceConfiguration.inspect()` read here. */
export interface InspectedSetting<T> {
  defaultValue?: T;
  /** User settings (with the remote machine's settings in a remote window). */
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

/**
 * The user's (or remote machine's) own value, else the default, else `fallback`; never a workspace's or a
 * folder's. A value of another type than `fallback` (a number typed for a path) counts as unset.
 */
export function machineValue<T>(inspected: InspectedSetting<T> | undefined, fallback: T): T {
  const usable = (value: T | undefined) => (value !== undefined && typeof value === typeof fallback ? value : undefined);
  return usable(inspected?.globalValue) ?? usable(inspected?.defaultValue) ?? fallback;
}

/** The `dockside.dockerfile.shellcheck.executablePath` setting as the language server gets it under `dockside.dockerfile`. */
export const SHELLCHECK_PATH_KEY = 'shellcheck.executablePath';

/**
 * The `dockside.dockerfile` section sent to the language server with its machine settings replaced by their
 * machine values, whatever the editor's merged view held: the server never runs a program a workspace named.
 */
export function withMachineSettings(section: unknown, machine: { shellcheckPath: string }): unknown {
  const value: Record<string, unknown> = typeof section === 'object' && section !== null && !Array.isArray(section) ? { ...section } : {};
  const shellcheck = value.shellcheck;
  value.shellcheck = {
    ...(typeof shellcheck === 'object' && shellcheck !== null && !Array.isArray(shellcheck) ? shellcheck : {}),
    executablePath: machine.shellcheckPath,
  };
  return value;
}
