/**
 * What both languages' test harnesses share: a server connection and a client connection joined by two in-memory
 * streams, and the client capabilities VS Code's client declares.
 */
import { PassThrough } from 'node:stream';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { ClientCapabilities } from 'vscode-languageserver-protocol';
import { Connection, createConnection } from 'vscode-languageserver/node';

export const VS_CODE_CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true },
  textDocument: {
    publishDiagnostics: { codeDescriptionSupport: true, dataSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: { completionItem: { snippetSupport: true } },
    foldingRange: { lineFoldingOnly: true },
  },
};

export interface InMemoryLink {
  /** The server's end, to hand to a server. */
  serverConnection: Connection;
  /** The client's end, not yet listening. */
  connection: MessageConnection;
  /** Closes both ends (after the server has been shut down). */
  dispose(): void;
}

export function inMemoryLink(): InMemoryLink {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConnection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  const connection = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  return {
    serverConnection,
    connection,
    dispose() {
      connection.dispose();
      serverConnection.dispose();
      toServer.destroy();
      toClient.destroy();
    },
  };
}
