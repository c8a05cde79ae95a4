import * as vscode from 'vscode';
import type { Dockside } from '../dockside';
import { showComposeProjectLogs } from './composeProjects/logs';
import { attachToContainer } from './containers/attach';
import { commitContainerCommand } from './containers/commit';
import { execInContainer, execInContainerWithOptions } from './containers/exec';
import { showContainerLogs, toggleLogTimestamps } from './containers/logs';
import { CommandId } from './ids';
import { buildImage, buildImageAgain } from './images/build';
import { pullImageCommand, pushImageCommand } from './images/pull';
import { copyRunCommand, runImage, runImageAgain } from './images/run';

type CommandFactory = (dockside: Dockside) => (...args: unknown[]) => unknown;

/** One entry per command id; the type makes a missing or unknown id a compile error. */
const commands: Record<CommandId, CommandFactory> = {
  'dockside.engine.retry': (dockside) => () => dockside.connectEngine(),
  'dockside.languageServer.restart': (dockside) => () => dockside.restartLanguageServer(),
  'dockside.images.build': buildImage,
  'dockside.images.buildAgain': buildImageAgain,
  'dockside.images.run': runImage,
  'dockside.images.runAgain': runImageAgain,
  'dockside.images.copyRunCommand': copyRunCommand,
  'dockside.images.pull': pullImageCommand,
  'dockside.images.push': pushImageCommand,
  'dockside.containers.logs': showContainerLogs,
  'dockside.containers.exec': execInContainer,
  'dockside.containers.execWithOptions': execInContainerWithOptions,
  'dockside.containers.attach': attachToContainer,
  'dockside.containers.commit': commitContainerCommand,
  'dockside.composeProjects.logs': showComposeProjectLogs,
  'dockside.logs.toggleTimestamps': toggleLogTimestamps,
};

export function registerCommands(dockside: Dockside): vscode.Disposable[] {
  return Object.entries(commands).map(([id, factory]) => vscode.commands.registerCommand(id, factory(dockside)));
}
