/**
 * Code lenses name commands of the extension (the Compose server's "▶ Up", "Logs", "Restart"). A lens whose
 * command no part of VS Code has registered would only answer "command not found" when clicked, so such lenses
 * are left out. No vscode import.
 */
export interface NamedCommand {
  command?: { command: string };
}

export function withKnownCommands<T extends NamedCommand>(lenses: readonly T[], known: ReadonlySet<string>): T[] {
  return lenses.filter((lens) => !lens.command || known.has(lens.command.command));
}
