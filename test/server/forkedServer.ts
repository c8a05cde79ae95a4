/**
 * The bundled server (`dist/server.js`) in a process of its own, so that a hang cannot stall the test itself, with
 * a time budget for each answer.
 */
import { ChildProcess, fork } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { InitializeRequest, PublishDiagnosticsNotification, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

const serverPath = path.resolve(__dirname, '../../dist/server.js');

/** How long the server may take for any one answer. */
export const BUDGET_MS = 5000;

export interface ForkedServer {
  child: ChildProcess;
  connection: MessageConnection;
  /** Resolves with the next diagnostics published for `uri` (call it before the notification that causes them). */
  nextDiagnostics(uri: string): Promise<PublishDiagnosticsParams>;
  dispose(): void;
}

/** Forks the bundled server and initializes it (no process id, no capabilities). */
export async function forkServer(): Promise<ForkedServer> {
  const child = fork(serverPath, ['--stdio'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const waiting = new Map<string, (params: PublishDiagnosticsParams) => void>();
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    waiting.get(params.uri)?.(params);
    waiting.delete(params.uri);
  });
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: {} });
  return {
    child,
    connection,
    nextDiagnostics: (uri) => new Promise((resolve) => waiting.set(uri, resolve)),
    dispose() {
      connection.dispose();
      child.kill();
    },
  };
}

/** `promise`, or a rejection naming `what` when it does not settle within the budget. */
export function withinBudget<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${BUDGET_MS} ms`)), BUDGET_MS);
    }),
  ]).finally(() => clearTimeout(timer));
}
