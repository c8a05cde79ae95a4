/** A minimal LSP client over a server process's stdio, for the Compose benchmark. */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import {
  Diagnostic,
  DidChangeConfigurationNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
} from 'vscode-languageserver-protocol';

/** How long to wait for a file's diagnostics before counting it as never published. */
const DIAGNOSTICS_TIMEOUT_MS = 5000;

export class ComposeBenchClient {
  private readonly child: ChildProcess;
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
    this.child = spawn(process.execPath, [...execArgv, script, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'], env: { ...process.env, ...env } });
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => this.waiting.get(params.uri)?.(params.diagnostics));
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section !== undefined ? (this.settings[item.section] ?? null) : null)),
    );
    for (const method of ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create']) {
      this.connection.onRequest(method, () => null);
    }
    this.connection.onNotification(() => undefined);
    this.connection.listen();
  }

  async initialize(): Promise<void> {
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          publishDiagnostics: { codeDescriptionSupport: true, dataSupport: true },
          hover: { contentFormat: ['markdown'] },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } },
        },
      },
      initializationOptions: {},
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
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
    const fields = fs.readFileSync(`/proc/${this.child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  }

  rssMb(): number {
    const status = fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
  }

  async dispose(): Promise<void> {
    await this.connection.sendRequest(ShutdownRequest.type).catch(() => undefined);
    await this.connection.sendNotification(ExitNotification.type).catch(() => undefined);
    this.connection.dispose();
    this.child.kill();
  }
}
