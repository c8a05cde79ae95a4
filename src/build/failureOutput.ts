/**
 * The few last lines a failed command wrote, as a build diagnostic carries them: escape sequences removed,
 * blank lines left out, each line trimmed and cut to a readable width. Pure.
 */

/** Lines a diagnostic carries: enough for the error a command ends with, not its whole log. */
export const FAILURE_OUTPUT_LINES = 3;
const MAX_WIDTH = 200;

// eslint-disable-next-line no-control-regex
const escapes = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|[\x00-\x08\x0b-\x1f\x7f]/g;

/** The text of a line without its escape sequences and control characters. */
export function plainLine(line: string): string {
  return line.replace(escapes, '');
}

export function failureOutputLines(lines: readonly string[], count = FAILURE_OUTPUT_LINES): string[] {
  return lines
    .map((line) => plainLine(line).trim())
    .filter((line) => line !== '')
    .slice(-count)
    .map((line) => (line.length > MAX_WIDTH ? `${line.slice(0, MAX_WIDTH - 1)}…` : line));
}
