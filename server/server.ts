/**
 * Entry point of the language server for Dockerfiles and Compose files. Run standalone with
 * `node dist/server.js --stdio` (the transport is chosen from the command line: --stdio, --node-ipc or --socket=N).
 * The same bundle runs the server's analysis thread (see dockerfile/analysis/analysisThread.ts).
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { ComposeServer } from './compose/composeServer';
import { serveAnalysis } from './dockerfile/analysis/analysisWorker';
import { ANALYSIS_THREAD_ROLE } from './dockerfile/analysis/messages';
import { DockerfileServer } from './dockerfile/dockerfileServer';
import { serveLanguages } from './languages';
import { initShellParser } from './dockerfile/lint/shell/bashParser';
import { createServerConnection } from './transport';

if (!isMainThread && parentPort && (workerData as { role?: unknown } | null)?.role === ANALYSIS_THREAD_ROLE) {
  void serveAnalysis(parentPort);
} else {
  const connection = createServerConnection();
  // The linter's shell parser is WebAssembly, loaded once before the first request is read.
  initShellParser().then(
    () => serveLanguages(connection, { dockerfile: (languageConnection) => new DockerfileServer(languageConnection), compose: (languageConnection) => new ComposeServer(languageConnection) }),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
