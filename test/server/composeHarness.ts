/**
 * A real LSP round trip for Compose documents: the server process's router with both languages, joined to a
 * client by two in-memory streams.
 */
import type { MessageConnection } from 'vscode-languageserver-protocol/node';
import {
  Diagnostic,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  InitializeResult,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  RegistrationRequest,
  ShutdownRequest,
  ConfigurationRequest,
} from 'vscode-languageserver-protocol';
import { ComposeServer } from '../../server/compose/composeServer';
import { DockerfileServer } from '../../server/dockerfile/dockerfileServer';
import { serveLanguages } from '../../server/languages';
import { initShellParser } from '../../server/dockerfile/lint/shell/bashParser';
import { inMemoryLink, VS_CODE_CAPABILITIES } from './inMemoryLsp';

export interface ComposeClient {
  connection: MessageConnection;
  initializeResult: InitializeResult;
  /** Opens a document and resolves with its first diagnostics. */
  open(uri: string, text: string, languageId?: string): Promise<Diagnostic[]>;
  change(uri: string, version: number, text: string): Promise<Diagnostic[]>;
  close(uri: string): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * @param environment the variables the Compose server sees (the test's own, not the machine's).
 * @param settings answers to workspace/configuration, by section.
 */
export async function startComposeServer(environment: Record<string, string | undefined> = {}, settings: Record<string, unknown> = {}): Promise<ComposeClient> {
  await initShellParser();
  const link = inMemoryLink();
  serveLanguages(link.serverConnection, {
    dockerfile: (connection) => new DockerfileServer(connection),
    compose: (connection) => new ComposeServer(connection, environment),
  });
  const { connection } = link;
  const waiting: { uri: string; version?: number; resolve: (diagnostics: Diagnostic[]) => void }[] = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (params: PublishDiagnosticsParams) => {
    const index = waiting.findIndex((entry) => entry.uri === params.uri && (entry.version === undefined || entry.version === params.version));
    if (index >= 0) {
      waiting.splice(index, 1)[0].resolve(params.diagnostics);
    }
  });
  connection.onRequest(RegistrationRequest.type, () => undefined);
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => (item.section ? (settings[item.section] ?? null) : null)));
  connection.listen();
  const next = (uri: string, version: number): Promise<Diagnostic[]> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version}`)), 10_000);
      waiting.push({ uri, version, resolve: (diagnostics) => (clearTimeout(timer), resolve(diagnostics)) });
    });
  const client: ComposeClient = {
    connection,
    initializeResult: await connection.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, workspaceFolders: null, capabilities: VS_CODE_CAPABILITIES }),
    async open(uri, text, languageId = 'dockercompose') {
      const diagnostics = next(uri, 1);
      await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
      return diagnostics;
    },
    async change(uri, version, text) {
      const diagnostics = next(uri, version);
      await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
      return diagnostics;
    },
    async close(uri) {
      await connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    },
    async dispose() {
      await connection.sendRequest(ShutdownRequest.type);
      link.dispose();
    },
  };
  await connection.sendNotification(InitializedNotification.type, {});
  return client;
}
