/** Which shell an exec terminal starts: a per-invocation choice, else the setting, else detection. Pure. */
import { splitCommandLine } from '../run/runInputs';

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

/**
 * `/bin/bash -l` → ["/bin/bash", "-l"]: a shell setting may carry arguments, quoted as in a POSIX shell
 * (`sh -c 'echo hello world'` → ["sh", "-c", "echo hello world"]). Throws a readable error for an unclosed
 * quote or an empty command.
 */
export function shellCommand(shell: string): string[] {
  const words = splitCommandLine(shell);
  if (!words.ok) {
    throw new Error(`The shell "${shell}" cannot be started: ${words.reason}`);
  }
  if (words.value.length === 0 || words.value[0] === '') {
    throw new Error('The shell to start is empty.');
  }
  return words.value;
}
