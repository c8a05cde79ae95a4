import * as vscode from 'vscode';
import type { Dockside } from '../dockside';
import { CommandId } from './ids';

type CommandFactory = (dockside: Dockside) => (...args: unknown[]) => unknown;

/** One entry per command id; the type makes a missing or unknown id a compile error. */
const commands: Record<CommandId, CommandFactory> = {
  'dockside.engine.retry': (dockside) => () => dockside.connectEngine(),
  'dockside.languageServer.restart': (dockside) => () => dockside.restartLanguageServer(),
};

export function registerCommands(dockside: Dockside): vscode.Disposable[] {
  return Object.entries(commands).map(([id, factory]) => vscode.commands.registerCommand(id, factory(dockside)));
}
