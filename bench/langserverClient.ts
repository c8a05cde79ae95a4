/** A minimal LSP client over a server process's stdio, for the language server benchmark. */
import * as fs from 'node:fs';
import type { MessageConnection } from 'vscode-languageserver-protocol/node';
import {
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  PublishDiagnosticsNotification,
} from 'vscode-languageserver-protocol';
import { answerConfiguration, initializeServer, spawnServer, statusKb, stopServer, type ServerProcess } from './serverProcess';

export class BenchClient {
  private readonly server: ServerProcess;
  private readonly connection: MessageConnection;
  private readonly waiting = new Map<string, () => void>();
  /** When each publication for a document arrived (performance.now()), while it is being timed. */
  private readonly arrivals = new Map<string, number[]>();
  private documents = 0;
  /** How many documents were opened so far; the last opened is `file:///bench/${documentCount - 1}/Dockerfile`. */
  get documentCount(): number {
    return this.documents;
  }

  /** Documents the benchmark keeps open at once. */
  opened: string[] = [];

  constructor(
    readonly name: string,
    script: string,
    execArgv: string[] = [],
    /**
     * Answers to workspace/configuration, by section. Without them the client does not offer workspace/configuration
     * and the server runs on its defaults (no settings round trip per document).
     */
    private readonly settings?: Record<string, unknown>,
    /** Added to this process's environment for the server. */
    env: Readonly<Record<string, string>> = {},
  ) {
    this.server = spawnServer(script, execArgv, env, 'inherit');
    this.connection = this.server.connection;
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.arrivals.get(params.uri)?.push(performance.now());
      this.waiting.get(params.uri)?.();
    });
    // Both servers may ask for settings: unless told otherwise, answer "no settings" so each uses its defaults.
    answerConfiguration(this.connection, settings);
    this.connection.listen();
  }

  async initialize(): Promise<void> {
    await initializeServer(this.connection, {
      workspace: { configuration: this.settings !== undefined },
      // What VS Code's client declares: the diagnostics carry their quick fixes and documentation links.
      textDocument: { publishDiagnostics: { codeDescriptionSupport: true, dataSupport: true }, hover: { contentFormat: ['markdown'] }, completion: { completionItem: { snippetSupport: true } } },
    });
  }

  /**
   * Opens a document and returns the milliseconds until its first diagnostics arrive, and until its last publication
   * before `quietMs` pass without one (`full`; a server publishing once has full = first).
   */
  async timeToFullDiagnostics(text: string, quietMs: number): Promise<{ uri: string; first: number; full: number }> {
    const uri = `file:///bench/${this.documents}/Dockerfile`;
    const arrivals: number[] = [];
    this.arrivals.set(uri, arrivals);
    const started = performance.now();
    const { ms } = await this.timeToDiagnostics(text);
    for (let seen = 0; seen !== arrivals.length; ) {
      seen = arrivals.length;
      await new Promise((resolve) => setTimeout(resolve, quietMs));
    }
    this.arrivals.delete(uri);
    return { uri, first: ms, full: arrivals[arrivals.length - 1] - started };
  }

  /** Opens a document and returns the milliseconds until its diagnostics arrive. */
  async timeToDiagnostics(text: string): Promise<{ uri: string; ms: number }> {
    const uri = `file:///bench/${this.documents++}/Dockerfile`;
    const published = new Promise<void>((resolve) => this.waiting.set(uri, resolve));
    const started = performance.now();
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text },
    });
    await published;
    const ms = performance.now() - started;
    this.waiting.delete(uri);
    return { uri, ms };
  }

  /**
   * Waits for the next publication for `uri` (after a change), then until `quietMs` pass without another: the
   * server has finished diagnosing that version, so a request sent now does not wait behind that work.
   */
  async settle(uri: string, quietMs: number): Promise<void> {
    const arrivals: number[] = [];
    this.arrivals.set(uri, arrivals);
    await new Promise<void>((resolve) => this.waiting.set(uri, resolve));
    this.waiting.delete(uri);
    for (let seen = 0; seen !== arrivals.length; ) {
      seen = arrivals.length;
      await new Promise((resolve) => setTimeout(resolve, quietMs));
    }
    this.arrivals.delete(uri);
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Inserts a space at the start of `line`, as one keystroke would, making `version`. */
  async typeSpace(uri: string, version: number, line: number): Promise<void> {
    const at = { line, character: 0 };
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: at, end: at }, text: ' ' }],
    });
  }

  /** Milliseconds for one request at a position. */
  async time(method: string, uri: string, line: number, character: number): Promise<number> {
    const started = performance.now();
    await this.connection.sendRequest(method, { textDocument: { uri }, position: { line, character } });
    return performance.now() - started;
  }

  /** Sends any request; resolves with the answer and the milliseconds it took. */
  async request<T>(method: string, params: object): Promise<{ result: T; ms: number }> {
    const started = performance.now();
    const result = await this.connection.sendRequest<T>(method, params);
    return { result, ms: performance.now() - started };
  }

  /** CPU time the server process has used (user + system), in ms, from /proc (clock ticks of 10 ms). */
  cpuMs(): number {
    const fields = fs.readFileSync(`/proc/${this.server.child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  }

  /** Resident set size of the server process, in MB (Linux). */
  rssMb(): number {
    return statusKb(this.server.child.pid!, 'VmRSS') / 1024;
  }

  /** Ends the server process at once (a server stuck in a request cannot be shut down). */
  kill(): void {
    this.connection.dispose();
    this.server.child.kill('SIGKILL');
  }

  async dispose(): Promise<void> {
    await stopServer(this.server);
  }
}
