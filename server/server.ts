/**
 * Entry point of the language server for Dockerfiles and Compose files. Run standalone with
 * `node dist/server.js --stdio` (the transport is chosen from the command line: --stdio, --node-ipc or --socket=N).
 */
import { ComposeServer } from './compose/composeServer';
import { DockerfileServer } from './dockerfile/dockerfileServer';
import { serveLanguages } from './languages';
import { initShellParser } from './dockerfile/lint/shell/bashParser';
import { createServerConnection } from './transport';

const connection = createServerConnection();
// The linter's shell parser is WebAssembly, loaded once before the first request is read.
initShellParser().then(
  () => serveLanguages(connection, { dockerfile: (languageConnection) => new DockerfileServer(languageConnection), compose: (languageConnection) => new ComposeServer(languageConnection) }),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
