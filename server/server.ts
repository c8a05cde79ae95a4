/**
 * Entry point of the Dockerfile language server. Run standalone with `node dist/server.js --stdio`
 * (the transport is chosen from the command line: --stdio, --node-ipc or --socket=N).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { DockerfileServer } from './dockerfileServer';
import { initShellParser } from './lint/shell/bashParser';

const connection = createConnection(ProposedFeatures.all);
// The linter's shell parser is WebAssembly, loaded once before the first request is read.
initShellParser().then(
  () => new DockerfileServer(connection).listen(),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
