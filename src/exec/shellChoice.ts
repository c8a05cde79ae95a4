/** Which shell an exec terminal starts: a per-invocation choice, else the setting, else detection. Pure. */

export const autoShell = 'auto';

/**
 * The candidates to try in order. A single candidate is used as is; with several, each but the last is
 * probed in the container and the first that runs wins (the last is the fallback, `sh`).
 */
export function shellCandidates(setting: string | undefined, override: string | undefined): string[] {
  const chosen = override?.trim() || setting?.trim();
  if (chosen && chosen !== autoShell) {
    return [chosen];
  }
  return ['bash', 'sh'];
}

/** `/bin/bash -l` → ["/bin/bash", "-l"]: a shell setting may carry arguments. */
export function shellCommand(shell: string): string[] {
  return shell.trim().split(/\s+/);
}
