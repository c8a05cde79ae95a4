/**
 * A real LSP round trip without a process: the Dockerfile server and a client connection joined by two
 * in-memory streams.
 */
import type { MessageConnection } from 'vscode-languageserver-protocol/node';
import {
  ClientCapabilities,
  ConfigurationRequest,
  Diagnostic,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  InitializeResult,
  LogMessageNotification,
  LogMessageParams,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  RegistrationRequest,
  ShowMessageNotification,
  ShowMessageParams,
  ShutdownRequest,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import { DockerfileServer } from '../../server/dockerfile/dockerfileServer';
import { initShellParser } from '../../server/dockerfile/lint/shell/bashParser';
import { inMemoryLink, VS_CODE_CAPABILITIES } from './inMemoryLsp';

export interface TestClient {
  connection: MessageConnection;
  initializeResult: InitializeResult;
  /** Settings answered to workspace/configuration, by section. */
  settings: Record<string, unknown>;
  /** The document of every workspace/configuration item the server asked for, in order. */
  configurationScopes: (string | undefined)[];
  /**
   * Opens a document; resolves with its complete diagnostics (both publications, see `openFirst`), ShellCheck's
   * later ones aside.
   */
  open(uri: string, text: string): Promise<Diagnostic[]>;
  /** Opens a document; resolves with its first publication (the validator and the instruction-level rules). */
  openFirst(uri: string, text: string): Promise<Diagnostic[]>;
  /** Resolves with the diagnostics of `uri` the client holds once the server has published every part of its run in progress. */
  settledDiagnostics(uri: string): Promise<Diagnostic[] | undefined>;
  /** Every publication received for `uri`, in order. */
  publications(uri: string): PublishDiagnosticsParams[];
  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void;
  /** Resolves with the next diagnostics published for `uri` (optionally for a given version). */
  nextDiagnostics(uri: string, version?: number, timeoutMs?: number): Promise<Diagnostic[]>;
  /** Resolves with the first diagnostics published for `uri` (the latest ones included) that satisfy `accept`. */
  diagnosticsWhere(uri: string, accept: (diagnostics: Diagnostic[]) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  /** Every window/showMessage the server sent. */
  messages: ShowMessageParams[];
  /** Every window/logMessage the server sent (its output channel). */
  logs: LogMessageParams[];
  /** The methods the server registered dynamically, with their options. */
  registrations: { method: string; registerOptions?: unknown }[];
  /** Shuts the server down (ending its timers) and closes both ends. */
  dispose(): Promise<void>;
}

export interface ServerOptions {
  /** Workspace folders (`file:` URIs) sent in initialize. */
  workspaceFolders?: string[];
  /** Client capabilities added to the defaults. */
  workspace?: ClientCapabilities['workspace'];
  /** Text document capabilities that replace the defaults' of the same name. */
  textDocument?: ClientCapabilities['textDocument'];
  /** The settings from the start (see `TestClient.settings`). */
  settings?: Record<string, unknown>;
}

export async function startServer(options: ServerOptions = {}): Promise<TestClient> {
  await initShellParser();
  const link = inMemoryLink();
  const server = new DockerfileServer(link.serverConnection);
  server.listen();
  const { connection } = link;

  const waiting: { uri: string; version?: number; resolve: (d: Diagnostic[]) => void }[] = [];
  const latest = new Map<string, Diagnostic[]>();
  const received: PublishDiagnosticsParams[] = [];
  const watchers: { uri: string; accept: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];
  const client: TestClient = {
    connection,
    initializeResult: undefined as unknown as InitializeResult,
    settings: { ...options.settings },
    configurationScopes: [],
    messages: [],
    logs: [],
    registrations: [],
    async open(uri, text) {
      await client.openFirst(uri, text);
      return (await client.settledDiagnostics(uri))!;
    },
    async openFirst(uri, text) {
      const diagnostics = client.nextDiagnostics(uri, 1);
      await connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'dockerfile', version: 1, text },
      });
      return diagnostics;
    },
    async settledDiagnostics(uri) {
      await server.diagnosticsSettled(uri);
      // The server answers in order: once this answer is in, every publication sent before it has been read.
      await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: 'file:///harness/not-open/Dockerfile' } });
      return latest.get(uri);
    },
    publications(uri) {
      return received.filter((params) => params.uri === uri);
    },
    change(uri, version, contentChanges) {
      void connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
    },
    nextDiagnostics(uri, version, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
        waiting.push({
          uri,
          version,
          resolve: (diagnostics) => {
            clearTimeout(timer);
            resolve(diagnostics);
          },
        });
      });
    },
    diagnosticsWhere(uri, accept, timeoutMs = 10_000) {
      const current = latest.get(uri);
      if (current && accept(current)) {
        return Promise.resolve(current);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no accepted diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(latest.get(uri))}`)), timeoutMs);
        watchers.push({
          uri,
          accept,
          resolve: (diagnostics) => {
            clearTimeout(timer);
            resolve(diagnostics);
          },
        });
      });
    },
    async dispose() {
      await connection.sendRequest(ShutdownRequest.type);
      link.dispose();
    },
  };
  connection.onNotification(PublishDiagnosticsNotification.type, (params: PublishDiagnosticsParams) => {
    const index = waiting.findIndex((entry) => entry.uri === params.uri && (entry.version === undefined || entry.version === params.version));
    if (index >= 0) {
      waiting.splice(index, 1)[0].resolve(params.diagnostics);
    }
    latest.set(params.uri, params.diagnostics);
    received.push(params);
    for (const watcher of [...watchers]) {
      if (watcher.uri === params.uri && watcher.accept(params.diagnostics)) {
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.resolve(params.diagnostics);
      }
    }
  });
  connection.onNotification(ShowMessageNotification.type, (params) => {
    client.messages.push(params);
  });
  connection.onNotification(LogMessageNotification.type, (params) => {
    client.logs.push(params);
  });
  connection.onRequest(RegistrationRequest.type, (params) => {
    client.registrations.push(...params.registrations.map(({ method, registerOptions }) => ({ method, registerOptions })));
  });
  connection.onRequest(ConfigurationRequest.type, (params) => {
    client.configurationScopes.push(...params.items.map((item) => item.scopeUri));
    return params.items.map((item) => (item.section ? client.settings[item.section] ?? null : null));
  });
  connection.listen();
  client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
    // No process id: the server would otherwise poll for this process and keep the test alive.
    processId: null,
    rootUri: null,
    workspaceFolders: options.workspaceFolders?.map((uri) => ({ uri, name: uri.split('/').pop() ?? uri })) ?? null,
    capabilities: {
      ...VS_CODE_CAPABILITIES,
      workspace: { ...VS_CODE_CAPABILITIES.workspace, ...options.workspace },
      textDocument: { ...VS_CODE_CAPABILITIES.textDocument, ...options.textDocument },
    },
  });
  await connection.sendNotification(InitializedNotification.type, {});
  return client;
}
