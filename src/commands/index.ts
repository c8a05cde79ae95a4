import * as vscode from 'vscode';
import type { Dockside } from '../dockside';
import { copyContainerField } from './containers/copy';
import { lifecycleCommand } from './containers/lifecycle';
import { containerActions } from '../engine/actions';
import { removeContainers } from './containers/remove';
import { inspectCommand } from './explorer/inspect';
import { chooseContainerGrouping, toggleSetting } from './explorer/viewOptions';
import { engineKeyOfArguments, runOnEngine } from '../engines/engineScope';
import { CommandId } from './ids';
import { deleteEntries, newEntry, openAsWorkspaceFolder } from './files/entryCommands';
import { downloadFiles, uploadFiles } from './files/transferCommands';
import { findInFiles, goToFile } from './files/searchCommands';
import { connectEngine, disconnectEngine } from './engines/connection';
import { createContext, removeContext } from './engines/contexts';
import { inspectEngine } from './engines/inspect';
import { useContext } from './engines/use';
import { showImageHistory } from './images/history';
import { pruneImages } from './images/prune';
import { removeImages } from './images/remove';
import { tagImage } from './images/tag';
import { createNetwork } from './networks/create';
import { pruneNetworks } from './networks/prune';
import { removeNetworks } from './networks/remove';
import { createVolume } from './volumes/create';
import { pruneVolumes } from './volumes/prune';
import { removeVolumes } from './volumes/remove';
import { showComposeProjectLogs } from './composeProjects/logs';
import { projectCommand } from './composeProjects/lifecycle';
import { attachToContainer } from './containers/attach';
import { commitContainerCommand } from './containers/commit';
import { execInContainer, execInContainerWithOptions } from './containers/exec';
import { showContainerLogs, toggleLogTimestamps } from './containers/logs';
import { buildImage, buildImageAgain } from './images/build';
import { pullImageCommand, pushImageCommand } from './images/pull';
import { copyRunCommand, runImage, runImageAgain } from './images/run';
import { addDockerFiles } from './workspace/addDockerFiles';
import { loginToRegistry, logoutOfRegistry } from './registries/login';
import { addRegistry, removeRegistry } from './registries/manage';
import { pushImageTo } from './registries/pushTo';
import {
  copyRegistryDigest,
  copyRegistryReference,
  deleteRegistryTag,
  inspectRegistryTag,
  loadMoreRegistryItems,
  pullRegistryTag,
  refreshRegistries,
} from './registries/tagActions';
import { composeDown, composeSubcommand, composeUp, composeUpServices } from './compose/lifecycle';
import { composeLogs } from './compose/logs';
import { refreshChanges, showChanges } from './containers/changes';
import { exportContainerCommand } from './containers/export';
import { copyPortAddress, openInBrowser } from './containers/ports';
import { showStats } from './containers/stats';
import { showProcesses } from './containers/top';
import { loadImage, saveImage } from './images/saveLoad';
import { inspectSwarmObject } from './swarm/inspect';
import { nodeAvailabilityCommand, nodeRoleCommand } from './swarm/nodeCommands';
import { removeSwarmService, rollbackSwarmService, scaleSwarmService, showSwarmServiceLogs, updateSwarmServiceImage } from './swarm/serviceCommands';

type CommandFactory = (dockside: Dockside) => (...args: never[]) => unknown;

/** One entry per command id; the type makes a missing or unknown id a compile error. */
const commands: Record<CommandId, CommandFactory> = {
  'dockside.engine.retry': (dockside) => () => dockside.retryEngine(),
  'dockside.engine.refresh': (dockside) => () => dockside.refreshExplorer(),
  'dockside.languageServer.restart': (dockside) => () => dockside.restartLanguageServer(),
  'dockside.containers.start': lifecycleCommand(containerActions.start),
  'dockside.containers.stop': lifecycleCommand(containerActions.stop),
  'dockside.containers.restart': lifecycleCommand(containerActions.restart),
  'dockside.containers.pause': lifecycleCommand(containerActions.pause),
  'dockside.containers.unpause': lifecycleCommand(containerActions.unpause),
  'dockside.containers.kill': lifecycleCommand(containerActions.kill),
  'dockside.containers.remove': removeContainers,
  'dockside.containers.inspect': inspectCommand('container'),
  'dockside.containers.copyId': copyContainerField('id'),
  'dockside.containers.copyName': copyContainerField('name'),
  'dockside.containers.groupBy': chooseContainerGrouping,
  'dockside.files.upload': uploadFiles,
  'dockside.files.download': downloadFiles,
  'dockside.files.newFile': newEntry('file'),
  'dockside.files.newFolder': newEntry('folder'),
  'dockside.files.delete': deleteEntries,
  'dockside.files.openAsWorkspaceFolder': openAsWorkspaceFolder,
  'dockside.files.refresh': (dockside) => () => dockside.views.invalidate(),
  'dockside.files.goToFile': goToFile,
  'dockside.files.findInFiles': findInFiles,
  'dockside.images.remove': removeImages,
  'dockside.images.tag': tagImage,
  'dockside.images.inspect': inspectCommand('image'),
  'dockside.images.history': showImageHistory,
  'dockside.images.prune': pruneImages,
  'dockside.images.toggleDangling': toggleSetting('images.showDangling'),
  'dockside.volumes.create': createVolume,
  'dockside.volumes.remove': removeVolumes,
  'dockside.volumes.inspect': inspectCommand('volume'),
  'dockside.volumes.prune': pruneVolumes,
  'dockside.networks.create': createNetwork,
  'dockside.networks.remove': removeNetworks,
  'dockside.networks.inspect': inspectCommand('network'),
  'dockside.networks.prune': pruneNetworks,
  'dockside.networks.toggleBuiltIn': toggleSetting('networks.showBuiltIn'),
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
  'dockside.composeProjects.start': projectCommand(lifecycleCommand(containerActions.start)),
  'dockside.composeProjects.stop': projectCommand(lifecycleCommand(containerActions.stop)),
  'dockside.composeProjects.restart': projectCommand(lifecycleCommand(containerActions.restart)),
  'dockside.composeProjects.remove': projectCommand(removeContainers),
  'dockside.logs.toggleTimestamps': toggleLogTimestamps,
  'dockside.workspace.addDockerFiles': addDockerFiles,
  'dockside.registries.login': loginToRegistry,
  'dockside.registries.logout': logoutOfRegistry,
  'dockside.registries.add': addRegistry,
  'dockside.registries.remove': removeRegistry,
  'dockside.registries.refresh': refreshRegistries,
  'dockside.registries.loadMore': loadMoreRegistryItems,
  'dockside.registries.pull': pullRegistryTag,
  'dockside.registries.copyReference': copyRegistryReference,
  'dockside.registries.copyDigest': copyRegistryDigest,
  'dockside.registries.inspect': inspectRegistryTag,
  'dockside.registries.deleteTag': deleteRegistryTag,
  'dockside.images.pushTo': pushImageTo,
  'dockside.compose.up': composeUp,
  'dockside.compose.upServices': composeUpServices,
  'dockside.compose.down': composeDown,
  'dockside.compose.restart': composeSubcommand('restart', 'Restart'),
  'dockside.compose.stop': composeSubcommand('stop', 'Stop'),
  'dockside.compose.pull': composeSubcommand('pull', 'Pull'),
  'dockside.compose.build': composeSubcommand('build', 'Build'),
  'dockside.compose.logs': composeLogs,
  'dockside.containers.showStats': showStats,
  'dockside.containers.top': showProcesses,
  'dockside.containers.changes': showChanges,
  'dockside.changes.refresh': refreshChanges,
  'dockside.containers.openInBrowser': openInBrowser,
  'dockside.containers.copyPortAddress': copyPortAddress,
  'dockside.containers.export': exportContainerCommand,
  'dockside.images.save': saveImage,
  'dockside.images.load': loadImage,
  'dockside.swarm.refresh': (dockside) => () => dockside.swarm.refresh(),
  'dockside.swarm.scale': scaleSwarmService,
  'dockside.swarm.updateImage': updateSwarmServiceImage,
  'dockside.swarm.rollback': rollbackSwarmService,
  'dockside.swarm.remove': removeSwarmService,
  'dockside.swarm.logs': showSwarmServiceLogs,
  'dockside.swarm.inspect': inspectSwarmObject,
  'dockside.swarm.nodeDrain': nodeAvailabilityCommand('drain'),
  'dockside.swarm.nodeActivate': nodeAvailabilityCommand('active'),
  'dockside.swarm.nodePromote': nodeRoleCommand('manager'),
  'dockside.swarm.nodeDemote': nodeRoleCommand('worker'),
  'dockside.engines.connect': connectEngine,
  'dockside.engines.disconnect': disconnectEngine,
  'dockside.engines.use': useContext,
  'dockside.engines.createContext': createContext,
  'dockside.engines.removeContext': removeContext,
  'dockside.engines.inspect': inspectEngine,
};

/** Registers every command; one run from an engine's item acts on that engine (see `runOnEngine`). */
export function registerCommands(dockside: Dockside): vscode.Disposable[] {
  return Object.entries(commands).map(([id, factory]) => {
    const handler = factory(dockside) as (...args: unknown[]) => unknown;
    return vscode.commands.registerCommand(id, (...args: unknown[]) => runOnEngine(engineKeyOfArguments(args), () => handler(...args)));
  });
}
