/**
 * Entry point of the Dockerfile language server. Run standalone with `node dist/server.js --stdio`
 * (the transport is chosen from the command line: --stdio, --node-ipc or --socket=N).
 */
import { DockerfileServer } from './dockerfileServer';
import { initShellParser } from './lint/shell/bashParser';
import { createServerConnection } from './transport';

const connection = createServerConnection();
// The linter's shell parser is WebAssembly, loaded once before the first request is read.
initShellParser().then(
  () => new DockerfileServer(connection).listen(),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
