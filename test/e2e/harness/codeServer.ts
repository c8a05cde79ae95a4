/**
 * One running code-server (VS Code 1.100 server + workbench) on a free loopback port, with a throwaway
 * profile: user data, extensions, and the XDG folders it would otherwise write into HOME. `stop()` ends its
 * whole process group and removes the profile.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { CodeServerInstall } from './codeServerInstall';
import { endGroup, ownGroup, removeOnExit } from './processes';
import { runCommand, tailOf } from './steps';

const HEALTH_DEADLINE_MS = 60_000;

/** User settings that keep first-run dialogs, tips, telemetry and update checks out of the way. */
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // code-server runs as a remote: a published container port would pop a "forwarded port" toast each time.
  'remote.autoForwardPorts': false,
  'remote.restoreForwardedPorts': false,
  'remote.forwardOnOpen': false,
  'remote.otherPortsAttributes': { onAutoForward: 'ignore' },
};

export interface CodeServerOptions {
  install: CodeServerInstall;
  /** Extra environment for the server, inherited by the extension host (and so by the test suite). */
  env?: Record<string, string>;
  /** Folder opened at `/` (the tests open folders through the URL instead). */
  folder?: string;
  /** Port to listen on; a free one is chosen when absent. */
  port?: number;
  /** Where the server's output goes; inside the profile when absent. */
  logFile?: string;
  /**
   * Lets the workbench run test payloads from its URL (`--enable-smoke-test-driver`). That mode also hides
   * notification toasts and dialogs, so UI journeys and `npm start` run without it.
   */
  testPayloads?: boolean;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

export class CodeServer {
  readonly profile = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-e2e-profile-'));
  readonly userDataDir = path.join(this.profile, 'user-data');
  readonly extensionsDir = path.join(this.profile, 'extensions');
  readonly logFile: string;
  private readonly configFile = path.join(this.profile, 'code-server.yaml');
  private child: ChildProcess | undefined;
  private port = 0;
  private exitListeners: Array<(why: string) => void> = [];
  private readonly removeProfile = removeOnExit(this.profile);

  constructor(private readonly options: CodeServerOptions) {
    this.logFile = options.logFile ?? path.join(this.profile, 'code-server.log');
    fs.mkdirSync(path.join(this.userDataDir, 'User'), { recursive: true });
    fs.mkdirSync(this.extensionsDir, { recursive: true });
    fs.mkdirSync(path.join(this.profile, 'xdg-config'), { recursive: true });
    fs.mkdirSync(path.join(this.profile, 'xdg-data'), { recursive: true });
    fs.writeFileSync(path.join(this.userDataDir, 'User', 'settings.json'), `${JSON.stringify(QUIET_SETTINGS, null, 2)}\n`);
    fs.writeFileSync(this.configFile, 'auth: none\ncert: false\n');
  }

  /** `127.0.0.1:PORT`: the page's host, which also prefixes `vscode-remote://` URIs. */
  get authority(): string {
    return `127.0.0.1:${this.port}`;
  }

  get url(): string {
    return `http://${this.authority}/`;
  }

  private get env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      XDG_CONFIG_HOME: path.join(this.profile, 'xdg-config'),
      XDG_DATA_HOME: path.join(this.profile, 'xdg-data'),
      ...this.options.env,
    };
  }

  private get commonArgs(): string[] {
    return [this.options.install.entry, '--config', this.configFile, '--user-data-dir', this.userDataDir, '--extensions-dir', this.extensionsDir];
  }

  /** Installs a .vsix into this profile; returns the folder it was unpacked into. */
  async installExtension(vsix: string, extensionId: string): Promise<string> {
    await runCommand(process.execPath, [...this.commonArgs, '--install-extension', vsix, '--force'], {
      cwd: this.profile,
      env: this.env,
      log: this.logFile,
      timeoutMs: 120_000,
    });
    const prefix = `${extensionId.toLowerCase()}-`;
    const folder = fs.readdirSync(this.extensionsDir).find((name) => name.toLowerCase().startsWith(prefix));
    if (!folder) {
      throw new Error(`${vsix} was installed but no ${prefix}* folder appeared in ${this.extensionsDir}`);
    }
    return path.join(this.extensionsDir, folder);
  }

  /** Starts the server and waits for /healthz. A free port taken by someone else in between is retried. */
  async start(): Promise<void> {
    const attempts = this.options.port === undefined ? 3 : 1;
    for (let attempt = 1; ; attempt++) {
      this.port = this.options.port ?? (await freePort());
      const failure = await this.launch();
      if (failure === undefined) {
        return;
      }
      const portTaken = /EADDRINUSE/.test(tailOf(this.logFile));
      if (!portTaken || attempt >= attempts) {
        throw new Error(`code-server ${failure}; log ${this.logFile}:\n${tailOf(this.logFile)}`);
      }
    }
  }

  /** Launches code-server on `this.port`; resolves undefined once healthy, or why it is not. */
  private async launch(): Promise<string | undefined> {
    const args = [
      ...this.commonArgs,
      '--bind-addr',
      this.authority,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      ...(this.options.testPayloads ? ['--enable-smoke-test-driver'] : []),
      ...(this.options.folder ? [this.options.folder] : []),
    ];
    const log = fs.openSync(this.logFile, 'a');
    const child = spawn(process.execPath, args, { cwd: this.profile, env: this.env, stdio: ['ignore', log, log], detached: true });
    fs.closeSync(log);
    ownGroup(child);
    this.child = child;
    let exited: string | undefined;
    child.once('exit', (code, signal) => {
      exited = `exited with ${code ?? signal}`;
      for (const listener of this.exitListeners.splice(0)) {
        listener(exited);
      }
    });
    const deadline = Date.now() + HEALTH_DEADLINE_MS;
    while (!(await this.healthy())) {
      if (exited !== undefined) {
        await endGroup(child);
        return exited;
      }
      if (Date.now() > deadline) {
        return `did not answer /healthz within ${HEALTH_DEADLINE_MS / 1000} s`;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    if (exited !== undefined) {
      return `${exited} (another process answers on ${this.authority})`;
    }
    return undefined;
  }

  /** Calls `listener` once if the server ends (for whatever reason) after `start()`. */
  onExit(listener: (why: string) => void): void {
    this.exitListeners.push(listener);
  }

  private async healthy(): Promise<boolean> {
    try {
      const response = await fetch(`${this.url}healthz`, { signal: AbortSignal.timeout(2_000) });
      return response.ok;
    } catch {
      return false;
    }
  }

  /** Ends the server's whole process group and removes the profile (the log is kept if it lives outside). */
  async stop(): Promise<void> {
    try {
      if (this.child) {
        await endGroup(this.child);
      }
    } finally {
      this.child = undefined;
      this.removeProfile();
    }
  }
}
