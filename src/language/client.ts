import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import { ComposeContainer, ComposeContainersNotification, INSPECT_IMAGE_COMMAND, LocalImage, LocalImagesNotification } from '../../server/protocol';
import { readMachineSetting } from '../config';
import { SHELLCHECK_PATH_KEY, withMachineSettings } from '../settingScope';
import { withKnownCommands } from './knownCommands';
import { RestartPolicy } from './restartPolicy';
import { SERVER_ENV, SERVER_EXEC_ARGV } from './serverFlags';
import { ServerStatusItem } from './status';

/**
 * The language server for Dockerfiles and Compose files (dist/server.js) in its own process over IPC. A crash
 * restarts it a bounded number of times (see RestartPolicy); its state shows in a language status item; nothing it does can
 * reject or throw into the extension.
 */
export class DockerfileLanguageClient implements vscode.Disposable {
  private readonly client: LanguageClient;
  private readonly policy = new RestartPolicy();
  private readonly status: ServerStatusItem;
  private readonly subscriptions: vscode.Disposable[] = [];
  private localImages: LocalImage[] = [];
  private composeContainers: ComposeContainer[] = [];

  constructor(context: vscode.ExtensionContext, restartCommand: string) {
    this.status = new ServerStatusItem(restartCommand);
    const module = context.asAbsolutePath(path.join('dist', 'server.js'));
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc, options: { execArgv: SERVER_EXEC_ARGV, env: SERVER_ENV } },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6010'], env: SERVER_ENV } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ language: 'dockerfile' }, { language: 'dockercompose' }],
      synchronize: { configurationSection: ['dockside.dockerfile', 'dockside.compose'] },
      // Hover Markdown may run this one command (the "Inspect local image" link of a FROM image), no other.
      markdown: { isTrusted: { enabledCommands: [INSPECT_IMAGE_COMMAND] } },
      middleware: {
        provideCodeLenses: async (document, token, next) => {
          const lenses = await next(document, token);
          return lenses ? withKnownCommands(lenses, new Set(await vscode.commands.getCommands(true))) : lenses;
        },
        workspace: {
          // The server asks for `dockside.dockerfile` per document: its machine settings are the user's own,
          // never a workspace's, so opening a repository never makes the server run a program it names.
          configuration: async (params, token, next) => {
            const answer = await next(params, token);
            if (!Array.isArray(answer)) {
              return answer;
            }
            const shellcheckPath = readMachineSetting('dockside.dockerfile', SHELLCHECK_PATH_KEY, 'shellcheck');
            return answer.map((value: unknown, index) =>
              params.items[index]?.section === 'dockside.dockerfile' ? withMachineSettings(value, { shellcheckPath }) : value,
            );
          },
        },
      },
      initializationFailedHandler: (error) => {
        this.status.update({ kind: 'stopped', reason: `The server failed to start: ${String(error)}` });
        return false;
      },
      errorHandler: {
        error: () => ({ action: ErrorAction.Continue, handled: true }),
        closed: () => {
          if (this.policy.shouldRestart()) {
            this.status.update({ kind: 'restarting', crashes: this.policy.recentCrashes });
            return { action: CloseAction.Restart, handled: true };
          }
          const reason = `The server crashed ${this.policy.recentCrashes} times in a few minutes and was not restarted. Run "Restart the Dockerfile Language Server" to try again.`;
          this.status.update({ kind: 'stopped', reason });
          void vscode.window.showErrorMessage(reason);
          return { action: CloseAction.DoNotRestart, handled: true };
        },
      },
    };
    this.client = new LanguageClient('dockside.dockerfile', 'Dockside Dockerfile', serverOptions, clientOptions);
    this.subscriptions.push(
      this.client.onDidChangeState((event) => {
        if (event.newState === State.Running) {
          this.status.update({ kind: 'running' });
          // A restarted server starts with no images: send the last known list again.
          this.sendLocalImages();
          this.sendComposeContainers();
        } else if (event.newState === State.Starting) {
          this.status.update({ kind: 'starting' });
        }
      }),
    );
  }

  /** Starts the server; a failure is shown in the status item, never thrown. */
  async start(): Promise<void> {
    try {
      await this.client.start();
    } catch (error) {
      this.status.update({ kind: 'stopped', reason: `The server failed to start: ${String(error)}` });
    }
  }

  /** Restart asked by the user: a fresh crash budget. */
  async restart(): Promise<void> {
    this.policy.reset();
    try {
      await this.client.restart();
    } catch (error) {
      this.status.update({ kind: 'stopped', reason: `The server failed to restart: ${String(error)}` });
    }
  }

  async stop(): Promise<void> {
    try {
      await this.client.stop();
    } catch {
      // Already stopped or never started: nothing to do.
    }
  }

  /** Tells the server which images the engine has, for completion and hover after FROM. */
  setLocalImages(images: LocalImage[]): void {
    this.localImages = images;
    this.sendLocalImages();
  }

  /** Tells the server which Compose containers the engine has, for the state of a service on hover. */
  setComposeContainers(containers: ComposeContainer[]): void {
    this.composeContainers = containers;
    this.sendComposeContainers();
  }

  private sendComposeContainers(): void {
    if (this.client.state === State.Running) {
      this.client.sendNotification(ComposeContainersNotification, { containers: this.composeContainers }).catch(() => undefined);
    }
  }

  private sendLocalImages(): void {
    if (this.client.state === State.Running) {
      this.client.sendNotification(LocalImagesNotification, { images: this.localImages }).catch(() => undefined);
    }
  }

  dispose(): void {
    for (const subscription of this.subscriptions.splice(0)) {
      subscription.dispose();
    }
    this.status.dispose();
    void this.stop();
  }
}
