/** A language server in a process of its own, with a client connection over its stdio, for the benchmarks. */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { ClientCapabilities, ExitNotification, InitializedNotification, InitializeRequest, ShutdownRequest } from 'vscode-languageserver-protocol';

export interface ServerProcess {
  child: ChildProcess;
  /** The client's end, not yet listening. */
  connection: MessageConnection;
}

/**
 * Starts `node <execArgv> <script> --stdio`.
 * @param env added to this process's environment for the server.
 * @param stderr where the server's standard error goes.
 */
export function spawnServer(script: string, execArgv: readonly string[], env: Readonly<Record<string, string>>, stderr: 'ignore' | 'inherit'): ServerProcess {
  const child = spawn(process.execPath, [...execArgv, script, '--stdio'], { stdio: ['pipe', 'pipe', stderr], env: { ...process.env, ...env } });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  return { child, connection };
}

/** Sends initialize (with this process as the client's) and then initialized. */
export async function initializeServer(connection: MessageConnection, capabilities: ClientCapabilities, initializationOptions?: unknown): Promise<void> {
  await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities, initializationOptions });
  await connection.sendNotification(InitializedNotification.type, {});
}

/** Answers workspace/configuration with `settings` by section (null for any other section). */
export function answerConfiguration(connection: MessageConnection, settings: Readonly<Record<string, unknown>> | undefined): void {
  connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
    params.items.map((item) => (item.section !== undefined ? (settings?.[item.section] ?? null) : null)),
  );
}

/** Shuts the server down and ends its process (a server that no longer answers is ended all the same). */
export async function stopServer({ child, connection }: ServerProcess): Promise<void> {
  await connection.sendRequest(ShutdownRequest.type).catch(() => undefined);
  await connection.sendNotification(ExitNotification.type).catch(() => undefined);
  connection.dispose();
  child.kill();
}

/** A figure in kB from /proc/<pid>/status (`VmRSS`, `VmHWM`; Linux). */
export function statusKb(pid: number, field: string): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
}
