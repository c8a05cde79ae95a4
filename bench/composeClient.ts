/** A minimal LSP client over a server process's stdio, for the Compose benchmark. */
import * as fs from 'node:fs';
import type { MessageConnection } from 'vscode-languageserver-protocol/node';
import {
  Diagnostic,
  DidChangeConfigurationNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  PublishDiagnosticsNotification,
} from 'vscode-languageserver-protocol';
import { answerConfiguration, initializeServer, spawnServer, statusKb, stopServer, type ServerProcess } from './serverProcess';

/** How long to wait for a file's diagnostics before counting it as never published. */
const DIAGNOSTICS_TIMEOUT_MS = 5000;

export class ComposeBenchClient {
  private readonly server: ServerProcess;
  private readonly connection: MessageConnection;
  private readonly waiting = new Map<string, (diagnostics: Diagnostic[]) => void>();
  private version = 0;

  constructor(
    readonly name: string,
    script: string,
    execArgv: string[],
    private readonly languageId: string,
    /** Settings by section, answered to workspace/configuration and sent once as didChangeConfiguration. */
    private readonly settings: Record<string, unknown>,
    env: Readonly<Record<string, string>> = {},
  ) {
    this.server = spawnServer(script, execArgv, env, 'ignore');
    this.connection = this.server.connection;
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => this.waiting.get(params.uri)?.(params.diagnostics));
    answerConfiguration(this.connection, this.settings);
    for (const method of ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create']) {
      this.connection.onRequest(method, () => null);
    }
    this.connection.onNotification(() => undefined);
    this.connection.listen();
  }

  async initialize(): Promise<void> {
    await initializeServer(
      this.connection,
      {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          publishDiagnostics: { codeDescriptionSupport: true, dataSupport: true },
          hover: { contentFormat: ['markdown'] },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } },
        },
      },
      {},
    );
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: this.settings });
  }

  /** Opens a document; the time until its first diagnostics (undefined when none came within the timeout). */
  async open(uri: string, text: string): Promise<{ ms?: number; diagnostics: Diagnostic[] }> {
    let timer: NodeJS.Timeout | undefined;
    const published = new Promise<Diagnostic[] | undefined>((resolve) => {
      this.waiting.set(uri, resolve);
      timer = setTimeout(() => resolve(undefined), DIAGNOSTICS_TIMEOUT_MS);
    });
    const started = performance.now();
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: this.languageId, version: ++this.version, text } });
    const diagnostics = await published;
    const ms = performance.now() - started;
    clearTimeout(timer);
    this.waiting.delete(uri);
    return diagnostics === undefined ? { diagnostics: [] } : { ms, diagnostics };
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async time(method: string, uri: string, position: { line: number; character: number }): Promise<number> {
    const started = performance.now();
    await this.connection.sendRequest(method, { textDocument: { uri }, position }).catch(() => undefined);
    return performance.now() - started;
  }

  /** CPU time the server process has used (user + system), in ms, from /proc (clock ticks of 10 ms). */
  cpuMs(): number {
    const fields = fs.readFileSync(`/proc/${this.server.child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  }

  rssMb(): number {
    return statusKb(this.server.child.pid!, 'VmRSS') / 1024;
  }

  async dispose(): Promise<void> {
    await stopServer(this.server);
  }
}
