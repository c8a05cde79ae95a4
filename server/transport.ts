/**
 * The server's connection, on the transport the command line names (--stdio, --node-ipc, --socket=N), as
 * vscode-languageserver chooses it; over stdio, messages are read by our strict FrameReader and written by our
 * FrameWriter (each frame in one write, at once). A malformed frame is
 * told on stderr and ends the process with code 1: the client sees the server stop and starts a new one, instead
 * of talking to a server that no longer reads.
 */
import { inspect } from 'node:util';
import { Connection, createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { FrameReader } from './frameReader';
import { FrameWriter } from './frameWriter';

export function createServerConnection(): Connection {
  if (!process.argv.slice(2).includes('--stdio')) {
    return createConnection(ProposedFeatures.all);
  }
  const reader = new FrameReader(process.stdin);
  reader.onError((error) => {
    process.stderr.write(`Dockside language server: a malformed message arrived (${error.message}); exiting, for the client to start a new server.\n`);
    process.exit(1);
  });
  reader.onClose(() => process.exit(reader.shutdownRequested ? 0 : 1));
  keepConsoleOffStdout();
  return createConnection(ProposedFeatures.all, reader, new FrameWriter(process.stdout));
}

/** stdout carries the protocol: what a library prints with console.log goes to stderr instead. */
function keepConsoleOffStdout(): void {
  const toStderr = (...args: unknown[]) => process.stderr.write(`${args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg))).join(' ')}\n`);
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
  console.dir = (item: unknown) => toStderr(item);
  console.table = (item: unknown) => toStderr(item);
}
