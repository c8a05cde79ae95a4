/**
 * Where a failed Compose run names a line of a file: YAML errors (`in "./compose.yaml", line 3, column 5`, from
 * v1's PyYAML and compose-go's wrapped yaml.v3 `yaml: line 3: …`) and v2's `compose.yaml: line 3: …`.
 */
import * as path from 'node:path';

export interface FailureLocation {
  /** Absolute path of the file. */
  file: string;
  /** 0-based line and column. */
  line: number;
  column: number;
  message: string;
}

const PYYAML = /in "([^"]+)", line (\d+), column (\d+)/g;
const FILE_LINE = /(?:^|\s)([^\s:"']+\.ya?ml): (?:yaml: )?line (\d+):\s*(.+)$/gm;
// eslint-disable-next-line no-control-regex -- colour escapes of the CLI are removed before matching
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

/** The message of a PyYAML error: the line before its location ("expected <block end>, but found '-'"). */
function pyYamlMessage(lines: readonly string[], locationLine: number): string {
  const before = lines[locationLine - 1]?.trim() ?? '';
  return /in "[^"]+", line \d+/.test(before) ? '' : before.replace(/^(?:ERROR:\s*)?(?:[\w.]+(?:Error|Exception):\s*)?/, '');
}

/**
 * The file locations a failed run's output names, resolved against the project's folder (`cwd`), the last one
 * first when a file is named several times ("while parsing… in line 1 / expected… in line 3": the second is where
 * the error is).
 */
export function failureLocations(output: string, cwd: string, fallbackFile?: string): FailureLocation[] {
  const text = output.replace(ANSI, '');
  const lines = text.split(/\r?\n/);
  const found = new Map<string, FailureLocation>();
  lines.forEach((lineText, index) => {
    for (const match of lineText.matchAll(PYYAML)) {
      const [, file, line, column] = match;
      const absolute = path.resolve(cwd, file);
      found.set(absolute, { file: absolute, line: Number(line) - 1, column: Number(column) - 1, message: pyYamlMessage(lines, index) || lineText.trim() });
    }
  });
  for (const match of text.matchAll(FILE_LINE)) {
    const [, file, line, message] = match;
    const absolute = path.resolve(cwd, file);
    if (!found.has(absolute)) {
      found.set(absolute, { file: absolute, line: Number(line) - 1, column: 0, message: message.trim() });
    }
  }
  if (found.size === 0 && fallbackFile) {
    // compose-go's `yaml: line 3: mapping values are not allowed in this context` names no file: the first file.
    const bare = /(?:^|\s)yaml: line (\d+):\s*(.+)$/m.exec(text);
    if (bare) {
      found.set(fallbackFile, { file: fallbackFile, line: Number(bare[1]) - 1, column: 0, message: bare[2].trim() });
    }
  }
  return [...found.values()];
}

/** The last meaningful lines of the CLI's output, for a notification. */
export function lastLines(output: string, count = 2): string {
  return output
    .replace(ANSI, '')
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(-count)
    .join(' ');
}
