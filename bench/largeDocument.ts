/**
 * Benchmark: one very large Dockerfile (20 MB by default) opened in the bundled server while another, small document
 * is edited beside it. Prints the time from didOpen to the large document's diagnostics, how many diagnostics
 * arrived, the server's peak resident memory, and how long hovers on the small document waited meanwhile (the
 * longest and the median, one hover every 100 ms until the diagnostics arrive).
 * Run with `npm run bench:large-document` (or `-- <megabytes>`).
 */
import * as path from 'node:path';
import {
  DidOpenTextDocumentNotification,
  PublishDiagnosticsNotification,
} from 'vscode-languageserver-protocol';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../src/language/serverFlags';
import { largeDockerfile } from './largeDockerfile';
import { initializeServer, spawnServer, statusKb, stopServer } from './serverProcess';

const root = path.resolve(__dirname, '..');
const server = path.join(root, 'dist/server.js');
const HOVER_EVERY_MS = 100;

async function main(): Promise<void> {
  const megabytes = Number(process.argv[2] ?? 20);
  const text = largeDockerfile(megabytes * 1024 * 1024);
  const serverProcess = spawnServer(server, SERVER_EXEC_ARGV, SERVER_ENV, 'inherit');
  const { child, connection } = serverProcess;
  const published = new Map<string, (count: number) => void>();
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => published.get(params.uri)?.(params.diagnostics.length));
  connection.listen();
  await initializeServer(connection, {});

  const small = 'file:///bench/small/Dockerfile';
  const smallDiagnostics = new Promise<number>((resolve) => published.set(small, resolve));
  await connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: small, languageId: 'dockerfile', version: 1, text: 'FROM alpine:3.20\nENV HOME_DIR=/root\nWORKDIR $HOME_DIR\n' },
  });
  await smallDiagnostics;

  const large = 'file:///bench/large/Dockerfile';
  let largeCount = -1;
  const largeDiagnostics = new Promise<number>((resolve) => published.set(large, resolve));
  const started = performance.now();
  await connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: large, languageId: 'dockerfile', version: 1, text },
  });
  void largeDiagnostics.then((count) => (largeCount = count));
  const waits: number[] = [];
  while (largeCount < 0) {
    const sent = performance.now();
    await connection.sendRequest('textDocument/hover', { textDocument: { uri: small }, position: { line: 2, character: 10 } });
    waits.push(performance.now() - sent);
    await new Promise((resolve) => setTimeout(resolve, HOVER_EVERY_MS));
  }
  const elapsed = performance.now() - started;
  const peak = statusKb(child.pid!, 'VmHWM') / 1024;
  const sorted = [...waits].sort((a, b) => a - b);
  console.log(`A ${megabytes} MB document (${text.split('\n').length.toLocaleString('en')} lines) opened beside a small one, in the bundled server:`);
  console.log(`| measure | value |`);
  console.log(`|---|---|`);
  console.log(`| time to its diagnostics | ${(elapsed / 1000).toFixed(1)} s |`);
  console.log(`| diagnostics published | ${largeCount.toLocaleString('en')} |`);
  console.log(`| peak resident memory | ${peak.toFixed(0)} MB |`);
  console.log(`| small document's hover wait, longest | ${sorted.at(-1)!.toFixed(0)} ms |`);
  console.log(`| small document's hover wait, median (${waits.length} hovers) | ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms |`);
  await stopServer(serverProcess);
}

void main();
