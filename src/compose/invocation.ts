/**
 * How Compose is invoked for one project: its files (`-f`, several), project name (`-p`), project directory,
 * `--env-file` files and profiles. The command line is an argument array, never a shell string.
 */
import type { ComposeCli } from './cli';

export interface ComposeInvocation {
  /** Compose files in merge order (absolute paths). Empty: Compose finds its default files in `cwd`. */
  files: readonly string[];
  /** `-p`; absent: Compose derives it. */
  projectName?: string;
  /** `--project-directory`; absent: the folder of the first file. */
  projectDirectory?: string;
  /** `--env-file` files (v1 takes one: the first). */
  envFiles?: readonly string[];
  /** `--profile` names. */
  profiles?: readonly string[];
  /** Where the CLI runs: the project directory, else the folder of the first file. */
  cwd: string;
}

export interface CommandLine {
  command: string;
  args: string[];
  cwd: string;
}

/** The global options of an invocation, in the order Compose documents them. */
export function globalOptions(cli: ComposeCli, invocation: ComposeInvocation): string[] {
  const args: string[] = [];
  for (const file of invocation.files) {
    args.push('-f', file);
  }
  if (invocation.projectName) {
    args.push('-p', invocation.projectName);
  }
  if (invocation.projectDirectory) {
    args.push('--project-directory', invocation.projectDirectory);
  }
  const envFiles = invocation.envFiles ?? [];
  // Compose v1 reads one `--env-file`; v2 merges several in order.
  for (const envFile of cli.flavour === 'v1' ? envFiles.slice(0, 1) : envFiles) {
    args.push('--env-file', envFile);
  }
  for (const profile of invocation.profiles ?? []) {
    args.push('--profile', profile);
  }
  return args;
}

/** The full command line: the CLI, its prefix, the global options, then the subcommand and its arguments. */
export function composeCommandLine(cli: ComposeCli, invocation: ComposeInvocation, subcommandArgs: readonly string[]): CommandLine {
  return {
    command: cli.command,
    args: [...cli.prefix, ...globalOptions(cli, invocation), ...subcommandArgs],
    cwd: invocation.cwd,
  };
}

/** A command line as a person would type it (for the terminal's first line), quoting what needs it. */
export function displayCommandLine(line: CommandLine): string {
  return [line.command, ...line.args].map((part) => (/^[\w@%+=:,./-]+$/.test(part) ? part : `'${part.replace(/'/g, `'\\''`)}'`)).join(' ');
}
