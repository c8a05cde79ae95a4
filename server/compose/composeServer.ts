/**
 * Wires LSP requests to the Compose features. Holds no feature logic of its own: each feature is a function of
 * a document's analysis (see analysis.ts) returning plain LSP types.
 */
import { clampToDocument } from '../clampToDocument';
import * as path from 'node:path';
import {
  CodeActionKind,
  Connection,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  InitializeParams,
  InitializeResult,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Debouncer } from '../debouncer';
import { filePath } from '../fileUri';
import { ComposeContainer, ComposeContainersNotification, LocalImage, LocalImagesNotification } from '../protocol';
import { analyze, type ComposeAnalysis } from './analysis';
import { codeActions } from './features/codeActions';
import { codeLenses } from './features/codeLens';
import { complete } from './features/completion';
import { documentLinks } from './features/documentLinks';
import { documentSymbols } from './features/documentSymbols';
import { foldingRanges } from './features/folding';
import { formatDocument } from './features/formatting';
import { hover } from './features/hover';
import { definition, highlights, InvalidNameError, prepareRename, references, rename } from './features/navigation';
import { ComposeDocument } from './parse/composeDocument';
import { DiskFiles } from './project/files';

/** Quiet typing time before a changed document is diagnosed again. */
const DIAGNOSTICS_DELAY_MS = 150;
/** Files whose change can change a Compose document's diagnostics (its project and variables). */
const WATCHED = ['**/.env', '**/*.env', '**/*compose*.{yaml,yml}'];
export const COMPOSE_SETTINGS_SECTION = 'dockside.compose';

export class ComposeServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly analyses = new Map<string, ComposeAnalysis>();
  private readonly debouncer = new Debouncer();
  private readonly files = new DiskFiles((file) => this.openText(file));
  private localImages: LocalImage[] = [];
  private composeContainers: ComposeContainer[] = [];
  private capabilities: InitializeParams['capabilities'] = {};
  /**
   * `dockside.compose.envFiles` by folder, once read (a promise while it is asked for): resource settings are the
   * same for every file of a folder, so opening the files of a project asks once.
   */
  private readonly envFiles = new Map<string, Promise<string[]>>();
  private readonly envFilesRead = new Map<string, string[]>();

  constructor(
    private readonly connection: Connection,
    private readonly environment: Readonly<Record<string, string | undefined>> = process.env,
  ) {}

  listen(): void {
    const connection = this.connection;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => {
      if (this.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
        void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED.map((globPattern) => ({ globPattern })) });
      }
    });
    connection.onDidChangeWatchedFiles(() => {
      this.files.clear();
      this.rediagnoseAll();
    });
    connection.onDidChangeConfiguration(() => {
      this.envFiles.clear();
      this.envFilesRead.clear();
      this.rediagnoseAll();
    });
    connection.onNotification(LocalImagesNotification, (params) => {
      this.localImages = Array.isArray(params?.images) ? params.images : [];
    });
    connection.onNotification(ComposeContainersNotification, (params) => {
      this.composeContainers = Array.isArray(params?.containers) ? params.containers.filter(isComposeContainer) : [];
    });

    this.documents.onDidOpen((event) => {
      void this.settled(event.document.uri).then(() => {
        this.publish(event.document.uri);
        this.rediagnoseNeighbours(event.document.uri);
      });
    });
    this.documents.onDidChangeContent((event) => {
      if (event.document.version > 1 || this.analyses.has(event.document.uri)) {
        this.debouncer.schedule(event.document.uri, DIAGNOSTICS_DELAY_MS, () => {
          this.publish(event.document.uri);
          this.rediagnoseNeighbours(event.document.uri);
        });
      }
    });
    this.documents.onDidClose((event) => {
      const uri = event.document.uri;
      this.debouncer.cancel(uri);
      this.analyses.delete(uri);
      connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
      this.rediagnoseNeighbours(uri);
    });

    connection.onCompletion((params) => this.with(params, (analysis, params) => complete(analysis, params.position, { images: this.localImages, files: this.files })));
    connection.onHover((params) => this.with(params, (analysis, params) => hover(analysis, params.position, this.composeContainers)));
    connection.onDefinition((params) => this.with(params, (analysis, params) => definition(analysis, params.position)));
    connection.onReferences((params) =>
      this.with(params, (analysis, params) => references(analysis, params.position, params.context.includeDeclaration)),
    );
    connection.onDocumentHighlight((params) => this.with(params, (analysis, params) => highlights(analysis, params.position)));
    connection.onPrepareRename((params) => this.with(params, (analysis, params) => prepareRename(analysis, params.position)));
    connection.onRenameRequest((params) =>
      this.with(params, (analysis, params) => {
        try {
          return rename(analysis, params.position, params.newName);
        } catch (error) {
          if (error instanceof InvalidNameError) {
            return new ResponseError(ErrorCodes.InvalidParams, error.message);
          }
          throw error;
        }
      }),
    );
    connection.onDocumentSymbol((params) => this.with(params, (analysis) => documentSymbols(analysis)));
    connection.onDocumentLinks((params) => this.with(params, (analysis) => documentLinks(analysis)));
    connection.onFoldingRanges((params) => this.with(params, (analysis) => foldingRanges(analysis)));
    connection.onDocumentFormatting((params) => this.with(params, (analysis, params) => formatDocument(analysis, params.options)));
    connection.onCodeLens((params) => this.with(params, (analysis) => codeLenses(analysis)));
    connection.onCodeAction((params) => this.with(params, (analysis, params) => codeActions(analysis, params.range, params.context.diagnostics)));
    connection.onShutdown(() => this.debouncer.dispose());

    this.documents.listen(connection);
    connection.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.capabilities = params.capabilities ?? {};
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: [':', ' ', '-', '$', '{', '/', '.'], resolveProvider: false },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        documentLinkProvider: { resolveProvider: false },
        foldingRangeProvider: true,
        documentFormattingProvider: true,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'dockside-compose' },
    };
  }

  /** The analysis of a document's current version, computed once per version. */
  analysis(uri: string): ComposeAnalysis | undefined {
    const document = this.documents.get(uri);
    if (!document) {
      return undefined;
    }
    const cached = this.analyses.get(uri);
    if (cached && cached.document.version === document.version) {
      return cached;
    }
    let analysis: ComposeAnalysis;
    try {
      analysis = analyze(new ComposeDocument(document), this.files, this.environment, this.envFilesRead.get(folderOf(uri)));
    } catch (error) {
      // A document the analysis cannot take gets no diagnostics and no answers, never a stopped server.
      this.connection.console.error(`Compose analysis failed on ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      analysis = analyze(new ComposeDocument(TextDocument.create(uri, 'dockercompose', document.version, '')), this.files, this.environment);
    }
    this.analyses.set(uri, analysis);
    return analysis;
  }

  /** Reads the document's settings once (`workspace/configuration`), before its first diagnostics. */
  private settled(uri: string): Promise<string[]> {
    const folder = folderOf(uri);
    let pending = this.envFiles.get(folder);
    if (!pending) {
      pending = this.capabilities.workspace?.configuration
        ? this.connection.workspace.getConfiguration({ scopeUri: uri, section: COMPOSE_SETTINGS_SECTION }).then(
            (settings: { envFiles?: unknown } | null) => (Array.isArray(settings?.envFiles) ? settings.envFiles.filter((entry): entry is string => typeof entry === 'string' && entry !== '') : []),
            () => [],
          )
        : Promise.resolve([]);
      const read = pending.then((envFiles) => {
        if (this.envFiles.get(folder) === read) {
          this.envFilesRead.set(folder, envFiles);
          if (envFiles.length > 0) {
            // Analyses made meanwhile (a request before the settings came) read the wrong variables.
            for (const document of this.documents.all()) {
              if (folderOf(document.uri) === folder) {
                this.analyses.delete(document.uri);
              }
            }
          }
        }
        return envFiles;
      });
      this.envFiles.set(folder, read);
      pending = read;
    }
    return pending;
  }

  /** Runs a feature on a request's document, with the request's positions and ranges clamped to that document. */
  private with<P extends { textDocument: { uri: string } }, T>(params: P, feature: (analysis: ComposeAnalysis, params: P) => T): T | null {
    const document = this.documents.get(params.textDocument.uri);
    const analysis = document && this.analysis(params.textDocument.uri);
    return document && analysis ? feature(analysis, clampToDocument(params, document)) : null;
  }

  private publish(uri: string): void {
    const analysis = this.analysis(uri);
    if (!analysis) {
      return;
    }
    this.connection
      .sendDiagnostics({ uri, version: analysis.document.version, diagnostics: analysis.diagnostics })
      .catch(() => undefined);
  }

  private rediagnoseAll(): void {
    this.analyses.clear();
    for (const document of this.documents.all()) {
      void this.settled(document.uri).then(() => {
        this.analyses.delete(document.uri);
        this.publish(document.uri);
      });
    }
  }

  /** Documents of the same folder may be one project: a change in one can change the others' diagnostics. */
  private rediagnoseNeighbours(uri: string): void {
    const file = filePath(uri);
    if (!file) {
      return;
    }
    const folder = path.dirname(file);
    for (const document of this.documents.all()) {
      const other = filePath(document.uri);
      if (document.uri !== uri && other && path.dirname(other) === folder) {
        this.analyses.delete(document.uri);
        this.publish(document.uri);
      }
    }
  }

  private openText(file: string): string | undefined {
    for (const document of this.documents.all()) {
      if (filePath(document.uri) === file) {
        return document.getText();
      }
    }
    return undefined;
  }
}

/** The folder part of a document URI (settings of the resource scope are the same across it). */
function folderOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/') + 1);
}

/** A well-formed container entry (the notification crosses a process boundary: nothing is taken on trust). */
function isComposeContainer(value: unknown): value is ComposeContainer {
  const entry = value as Partial<ComposeContainer> | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.project === 'string' &&
    typeof entry.service === 'string' &&
    typeof entry.name === 'string' &&
    typeof entry.image === 'string' &&
    typeof entry.state === 'string' &&
    typeof entry.status === 'string' &&
    Array.isArray(entry.ports) &&
    Array.isArray(entry.configFiles) &&
    entry.configFiles.every((file) => typeof file === 'string')
  );
}
