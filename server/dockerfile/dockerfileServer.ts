import {
  CodeActionKind,
  Connection,
  Diagnostic,
  DidChangeConfigurationNotification,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  SemanticTokens,
  DidChangeWatchedFilesNotification,
  InitializeParams,
  InitializeResult,
  MessageType,
  ShowMessageNotification,
  ResponseError,
  ErrorCodes,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { clampToDocument } from '../clampToDocument';
import { Debouncer } from '../debouncer';
import { DiagnosticBudget, limitDiagnostics, MAX_PUBLISHED_DIAGNOSTICS } from '../diagnosticLimit';
import { analysisFailedDiagnostic, isTooLarge, tooLargeDiagnostic } from '../documentSizeLimit';
import { AnalysisFailedError, AnalysisThread, type DiagnosticsPart } from './analysis/analysisThread';
import type { DocumentFeature } from './analysis/messages';
import { DiagnosticPhases, runInSteps } from './diagnostics/compute';
import { findingToDiagnostic, forClient } from './diagnostics/findings';
import { documentLintOptions } from './diagnostics/lintOptions';
import { ShellcheckQueue } from './diagnostics/shellcheckQueue';
import { codeActions } from './features/codeActions';
import { complete } from './features/completion';
import { documentSymbols } from './features/documentSymbols';
import { formatDocument, formatDocumentRange, formatOnTypedCharacter, onTypeTriggers } from './features/formatting';
import { hover } from './features/hover';
import { imageLinks } from './features/imageLinks';
import {
  foldingRanges,
  resolveDocumentLink,
  signatureHelp,
} from './features/libraryFeatures';
import { semanticTokens, semanticTokensLegend } from './features/semanticTokens';
import { SemanticTokensStore } from './features/semanticTokensStore';
import { definition, highlights, InvalidNameError, prepareRename, references, rename } from './features/symbolNavigation';
import { DocumentCache } from './parse/documentCache';
import type { ParsedDocument } from './parse/parsedDocument';
import { installParser } from './parse/parser';
import { DocumentLintFilesCache, WATCHED_LINT_FILES } from './project/documentLintFiles';
import { localRuleLinks } from './project/rulesDocument';
import { LocalImage, LocalImagesNotification } from '../protocol';
import { RecentShellParses, runToEnd, ShellParseCache, type Finding } from './lint';
import { shellcheckDockerfile } from './lint/shellcheck';
import { SettingsCache, type DockerfileSettings } from '../settings';

export const SETTINGS_SECTION = 'dockside.dockerfile';

/** One version's semantic tokens, computed when first asked for (see SemanticTokensStore). */
interface TokensOfVersion {
  uri: string;
  version: number;
  tokens(): SemanticTokens;
}
/** A ShellCheck run longer than this is stopped; the document keeps its other diagnostics. */
const SHELLCHECK_TIMEOUT_MS = 20_000;
/** ShellCheck starts once no document has been diagnosed (with ShellCheck on) for this long (see ShellcheckQueue). */
const SHELLCHECK_QUIET_MS = 300;
/**
 * After publishing a version's diagnostics, the facts requests use are derived once the document has been quiet
 * this long: still well before a first hover, but not for a version replaced or a document closed meanwhile
 * (opening many files in a row derives nothing for those already closed).
 */
const PREFETCH_DELAY_MS = 50;
/**
 * How much RUN script text the parses shared between documents may cover. Measured over the corpus (files in name
 * order, so a project's variants come together): 64K characters spared as many parses as 256K (887 of 1,825),
 * without a measurable change in resident memory.
 */
const RECENT_SHELL_PARSE_CHARACTERS = 64 * 1024;
/**
 * Documents at least this long (~1,600 lines; no file of the corpus comes close) are diagnosed in steps: requests
 * that arrive meanwhile are answered between rules, and a version replaced meanwhile is abandoned. On a
 * 50,000-line file, a hover or completion sent with the open was answered after ~1.4 s, with its diagnostics; now
 * after ~0.85 s, once the parse and the facts the hover needs are done.
 */
const STEPPED_DIAGNOSTICS_CHARACTERS = 64 * 1024;
/**
 * How many open documents keep their parse and their RUN script parses between uses (those used last). With every
 * file of the 630-file corpus open, keeping them all took the server to 116 MB of resident memory, against 85 MB
 * with these 8; a document beyond these is parsed again when next asked about (~0.2 ms for a median file).
 */
const KEPT_DOCUMENT_PARSES = 8;
/**
 * Documents at least this long (~8,000 lines) are parsed and diagnosed in the analysis thread (see
 * analysis/analysisThread.ts), not on the thread that answers requests: in steps there, the parse and the
 * validator are still each one step, the longer ~240 ms at 1 MB on a quiet machine and seconds at 4 MB. At this
 * length each is a quarter of that, and below it the thread's start and the copy of the text gain little.
 * Requests on such a document itself still parse it here, when one comes.
 */
const ANALYSIS_THREAD_CHARACTERS = 256 * 1024;
/** The analysis thread ends once it has had no job for this long, and its memory is returned. */
const ANALYSIS_THREAD_IDLE_MS = 15_000;
/**
 * The analysis thread's heap cap. An 8 MB document (the longest analysed) took ~540 MB of heap to diagnose; a
 * document that needs more than this gets a diagnostic saying it could not be checked instead of taking the
 * machine's memory.
 */
const ANALYSIS_THREAD_MAX_HEAP_MB = 1024;

/** Wires LSP requests to the Dockerfile features. Holds no feature logic of its own. */
export class DockerfileServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly parsed = new DocumentCache(KEPT_DOCUMENT_PARSES);
  private readonly debouncer = new Debouncer();
  private readonly prefetch = new Debouncer();
  private settings = new SettingsCache(undefined);
  private clientCapabilities: InitializeParams['capabilities'] = {};
  private localImages: LocalImage[] = [];
  private readonly lintFiles = new DocumentLintFilesCache((message) => this.connection.console.warn(`Dockerfile lint configuration: ${message}`));
  private readonly shellcheck = new ShellcheckQueue(
    (error) => this.connection.console.error(`ShellCheck failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    SHELLCHECK_QUIET_MS,
  );
  /** The diagnostics last published for each document, with the version they describe (hover reads them). */
  private readonly published = new Map<string, { version: number; diagnostics: Diagnostic[] }>();
  /**
   * The RUN script parses of the documents linted last, as of their last lint: a re-lint parses only the scripts
   * that changed.
   */
  private readonly shellParses = new Map<string, ShellParseCache>();
  /** Links into the rules' documentation shipped with the server, when it is there. */
  private readonly ruleLink = localRuleLinks();
  /** The latest diagnostics run started for each open document (see publishDiagnostics). */
  private readonly diagnosticRuns = new Map<string, number>();
  private diagnosticRunCount = 0;
  /** The diagnostics run in progress for each document, until its last part is published (ShellCheck's comes later). */
  private readonly diagnosticsInFlight = new Map<string, Promise<void>>();
  /** The latest RUN script parses of any document, which a document repeating those scripts reuses. */
  private readonly recentShellParses = new RecentShellParses(RECENT_SHELL_PARSE_CHARACTERS);
  /** The semantic tokens last sent for each open document, which a delta request starts from. */
  private readonly semanticTokens = new SemanticTokensStore<TokensOfVersion>((version) => version.tokens());
  /** Problems in the editor's lint settings already logged, so each is told once. */
  private readonly toldProblems = new Set<string>();
  /** Where long documents are parsed and diagnosed (see ANALYSIS_THREAD_CHARACTERS). */
  private readonly analysis = new AnalysisThread({
    idleMs: ANALYSIS_THREAD_IDLE_MS,
    maxHeapMb: ANALYSIS_THREAD_MAX_HEAP_MB,
    log: (message) => this.connection.console.error(message),
  });

  constructor(private readonly connection: Connection) {
    installParser();
  }

  listen(): void {
    const connection = this.connection;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => {
      if (this.clientCapabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
        void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
      }
      if (this.clientCapabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
        void connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: WATCHED_LINT_FILES.map((globPattern) => ({ globPattern })),
        });
      }
      if (this.clientCapabilities.workspace?.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders(() => {
          void connection.workspace.getWorkspaceFolders().then((folders) => {
            this.lintFiles.setWorkspaceFolders((folders ?? []).map((folder) => folder.uri));
            this.rediagnoseAll();
          });
        });
      }
    });
    connection.onDidChangeConfiguration(() => {
      this.settings.clear();
      this.rediagnoseAll();
    });
    connection.onDidChangeWatchedFiles(() => {
      // A configuration or .dockerignore was created, changed or deleted: read them all again on next use.
      this.lintFiles.clear();
      this.rediagnoseAll();
    });
    connection.onNotification(LocalImagesNotification, (params) => {
      this.localImages = Array.isArray(params?.images) ? params.images : [];
    });

    this.documents.onDidOpen((event) => this.scheduleDiagnostics(event.document, 0));
    this.documents.onDidChangeContent((event) => {
      if (event.document.version > 1 || this.parsed.has(event.document.uri)) {
        void this.settings
          .get(event.document.uri)
          .then((settings) => this.scheduleDiagnostics(event.document, settings.diagnostics.delay));
      }
    });
    this.documents.onDidClose((event) => {
      const uri = event.document.uri;
      this.debouncer.cancel(uri);
      this.prefetch.cancel(uri);
      this.shellcheck.cancel(uri);
      this.analysis.abandon(uri);
      this.parsed.delete(uri);
      this.diagnosticRuns.delete(uri);
      this.settings.forget(uri);
      this.lintFiles.forget(uri);
      this.published.delete(uri);
      this.shellParses.delete(uri);
      this.semanticTokens.forget(uri);
      connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
    });

    connection.onCompletion((params) =>
      this.withDocument(params, (parsed, { position }) =>
        complete(parsed, position, this.localImages, this.clientCapabilities.textDocument?.completion?.completionItem),
      ),
    );
    connection.onHover((params) =>
      this.withDocument(params, (parsed, { position }) => hover(parsed, position, this.localImages, this.publishedFor(parsed))),
    );
    connection.onSignatureHelp((params) => this.withDocument(params, (parsed, { position }) => signatureHelp(parsed, position)));
    connection.onDocumentSymbol((params) =>
      this.wholeDocument(params, { name: 'documentSymbols' }, (symbols) => symbols as DocumentSymbol[], (parsed) => documentSymbols(parsed)),
    );
    connection.onFoldingRanges((params) => {
      const folding = this.clientCapabilities.textDocument?.foldingRange;
      const [lineFoldingOnly, rangeLimit] = [folding?.lineFoldingOnly ?? false, folding?.rangeLimit ?? Number.MAX_VALUE];
      return this.wholeDocument(
        params,
        { name: 'foldingRanges', lineFoldingOnly, rangeLimit },
        (ranges) => ranges as FoldingRange[],
        (parsed) => foldingRanges(parsed, lineFoldingOnly, rangeLimit),
      );
    });
    connection.languages.semanticTokens.on(async (params) => (await this.withTokens(params, (tokens) => this.semanticTokens.full(tokens))) ?? { data: [] });
    connection.languages.semanticTokens.onDelta(
      async (params) => (await this.withTokens(params, (tokens, { previousResultId }) => this.semanticTokens.delta(tokens, previousResultId))) ?? { data: [] },
    );
    connection.languages.semanticTokens.onRange(async (params) => (await this.withTokens(params, (tokens, { range }) => this.semanticTokens.range(tokens, range))) ?? { data: [] });
    connection.onDocumentHighlight((params) => this.withDocument(params, (parsed, { position }) => highlights(parsed, position)));
    connection.onDefinition((params) => this.withDocument(params, (parsed, { position }) => definition(parsed, position)));
    connection.onReferences((params) =>
      this.withDocument(params, (parsed, { position, context }) => references(parsed, position, context.includeDeclaration)),
    );
    connection.onPrepareRename((params) => this.withDocument(params, (parsed, { position }) => prepareRename(parsed, position)));
    connection.onRenameRequest((params) =>
      this.withDocument(params, (parsed, { position, newName }) => {
        try {
          return rename(parsed, position, newName);
        } catch (error) {
          if (error instanceof InvalidNameError) {
            return new ResponseError(ErrorCodes.InvalidParams, error.message);
          }
          throw error;
        }
      }),
    );
    connection.onDocumentLinks((params) =>
      this.wholeDocument(params, { name: 'documentLinks', localImages: this.localImages }, (links) => links as DocumentLink[], (parsed) => imageLinks(parsed, this.localImages)),
    );
    connection.onDocumentLinkResolve((link) => resolveDocumentLink(link));
    connection.onCodeAction((params) =>
      this.withDocument(params, (parsed, { context }) => codeActions(parsed, context.diagnostics, this.publishedFor(parsed))),
    );
    connection.onDocumentFormatting(async (params) => {
      const settings = await this.settings.get(params.textDocument.uri);
      return this.withDocument(params, (parsed, { options }) => formatDocument(parsed, options, settings));
    });
    connection.onDocumentRangeFormatting(async (params) => {
      const settings = await this.settings.get(params.textDocument.uri);
      return this.withDocument(params, (parsed, { range, options }) => formatDocumentRange(parsed, range, options, settings));
    });
    connection.onDocumentOnTypeFormatting(async (params) => {
      const settings = await this.settings.get(params.textDocument.uri);
      return this.withDocument(params, (parsed, { position, ch, options }) => formatOnTypedCharacter(parsed, position, ch, options, settings));
    });
    connection.onShutdown(() => {
      this.debouncer.dispose();
      this.prefetch.dispose();
      this.shellcheck.dispose();
      this.analysis.dispose();
    });

    this.documents.listen(connection);
    connection.listen();
  }

  /** Images last reported by the extension host. */
  get knownImages(): readonly LocalImage[] {
    return this.localImages;
  }

  /** The diagnostics published for exactly this version (none yet: an empty list). */
  private publishedFor(parsed: ParsedDocument): Diagnostic[] {
    const published = this.published.get(parsed.uri);
    return published?.version === parsed.version ? published.diagnostics : [];
  }

  private rediagnoseAll(): void {
    for (const document of this.documents.all()) {
      this.scheduleDiagnostics(document, 0);
    }
  }

  /** Resolves once every part of the document's diagnostics run in progress, if any, has been published (ShellCheck's aside). */
  async diagnosticsSettled(uri: string): Promise<void> {
    for (let running = this.diagnosticsInFlight.get(uri); running; running = this.diagnosticsInFlight.get(uri)) {
      await running;
    }
  }

  /**
   * Runs a feature on the current parse of the request's document, with the request's positions and ranges moved
   * inside that document: every request goes through here, so no feature or library sees a position past the end.
   * A document too large to analyse gets no answer (null).
   */
  private withDocument<P extends { textDocument: { uri: string } }, T>(params: P, feature: (parsed: ParsedDocument, params: P) => T): T | null {
    const document = this.documents.get(params.textDocument.uri);
    return document && !isTooLarge(document.getText()) ? feature(this.parsed.get(document), clampToDocument(params, document)) : null;
  }

  /**
   * A feature that reads the whole document, which an editor asks for every document it shows and again after
   * each edit: on a long document, computed in the analysis thread (where its parse is, see
   * ANALYSIS_THREAD_CHARACTERS) and answered if the version is still current; on the others, as `withDocument`.
   */
  private async wholeDocument<P extends { textDocument: { uri: string } }, T>(
    params: P,
    feature: DocumentFeature,
    fromThread: (result: unknown, params: P) => T,
    here: (parsed: ParsedDocument, params: P) => T,
  ): Promise<T | null> {
    const document = this.documents.get(params.textDocument.uri);
    if (!document || document.getText().length < ANALYSIS_THREAD_CHARACTERS || isTooLarge(document.getText())) {
      return this.withDocument(params, here);
    }
    const version = document.version;
    const result = await this.analysis.feature({ uri: document.uri, version, text: document.getText() }, feature);
    return result !== undefined && this.documents.get(document.uri)?.version === version ? fromThread(result, params) : null;
  }

  /** A semantic tokens request: this version's tokens as last sent, or computed (for a long document, in the analysis thread). */
  private withTokens<P extends { textDocument: { uri: string } }, T>(params: P, answer: (tokens: TokensOfVersion, params: P) => T): Promise<T | null> {
    const document = this.documents.get(params.textDocument.uri);
    if (document && !isTooLarge(document.getText()) && this.semanticTokens.has(document.uri, document.version)) {
      // Sent already: no parse needed (the store does not compute them again).
      const sent: TokensOfVersion = { uri: document.uri, version: document.version, tokens: () => ({ data: [] }) };
      return Promise.resolve(answer(sent, clampToDocument(params, document)));
    }
    return this.wholeDocument(
      params,
      { name: 'semanticTokens' },
      (tokens, clamped) => answer({ uri: params.textDocument.uri, version: document!.version, tokens: () => tokens as SemanticTokens }, clamped),
      (parsed, clamped) => answer({ uri: parsed.uri, version: parsed.version, tokens: () => semanticTokens(parsed) }, clamped),
    );
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.clientCapabilities = params.capabilities ?? {};
    const folders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.lintFiles.setWorkspaceFolders(folders);
    if (this.clientCapabilities.workspace?.configuration) {
      this.settings = new SettingsCache((uri) =>
        this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }),
      );
    }
    return {
      capabilities: {
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['=', ' ', '$', '-', ':', '{', ','], resolveProvider: false },
        hoverProvider: true,
        signatureHelpProvider: { triggerCharacters: ['-', '[', ',', ' ', '='] },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        documentOnTypeFormattingProvider: { firstTriggerCharacter: onTypeTriggers[0], moreTriggerCharacter: onTypeTriggers.slice(1) },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        semanticTokensProvider: { legend: semanticTokensLegend, full: { delta: true }, range: true },
        documentHighlightProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentLinkProvider: { resolveProvider: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'dockside-dockerfile' },
    };
  }

  /** Diagnostics for the version current when the timer fires; an opened document is diagnosed at once. */
  private scheduleDiagnostics(document: TextDocument, delay: number): void {
    const publish = (): void => {
      // A failure to publish (the connection closed meanwhile) has no one left to tell.
      const published = this.publishDiagnostics(document.uri).catch(() => undefined);
      this.diagnosticsInFlight.set(document.uri, published);
      void published.then(() => {
        if (this.diagnosticsInFlight.get(document.uri) === published) {
          this.diagnosticsInFlight.delete(document.uri);
        }
      });
    };
    if (delay === 0) {
      this.debouncer.cancel(document.uri);
      publish();
    } else {
      this.debouncer.schedule(document.uri, delay, publish);
    }
  }

  private async publishDiagnostics(uri: string): Promise<void> {
    // A later run for the same document (a new version, new settings) supersedes this one, even mid-computation.
    const run = ++this.diagnosticRunCount;
    this.diagnosticRuns.set(uri, run);
    // ShellCheck's findings for an earlier run would come with that run's diagnostics: they wait for this one's.
    this.shellcheck.cancel(uri);
    const answer = this.settings.get(uri);
    // The parse needs no settings: the document is parsed while the client answers workspace/configuration (after
    // the other handlers of the notification that got here have run: an opened document counts as parsed after).
    await null;
    this.parseAhead(uri);
    const settings = await answer;
    const document = this.documents.get(uri);
    if (!document) {
      return;
    }
    this.tellSettingsProblems(settings);
    if (isTooLarge(document.getText())) {
      this.parsed.delete(uri);
      await this.send(uri, document.version, [tooLargeDiagnostic(document.getText())]);
      return;
    }
    if (document.getText().length >= ANALYSIS_THREAD_CHARACTERS) {
      await this.publishFromThread(uri, run, document.version, document.getText(), settings);
      return;
    }
    const parsed = this.parsed.get(document);
    let shellParses = this.shellParses.get(uri);
    // Kept in order of last lint, for as many documents as keep their parse.
    this.shellParses.delete(uri);
    shellParses ??= new ShellParseCache(Infinity, this.recentShellParses);
    this.shellParses.set(uri, shellParses);
    for (const oldest of this.shellParses.keys()) {
      if (this.shellParses.size <= KEPT_DOCUMENT_PARSES) {
        break;
      }
      this.shellParses.delete(oldest);
    }
    shellParses.nextRound();
    const budget = new DiagnosticBudget();
    const lint = { ...documentLintOptions(settings, this.lintFiles.get(uri)), shellParses, ruleLink: this.ruleLink, budget };
    const report = (stage: string, error: unknown) =>
      this.connection.console.error(`The ${stage} failed on ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    const isCurrent = () => this.diagnosticRuns.get(uri) === run && this.documents.get(uri)?.version === parsed.version;
    const stepped = parsed.text.length >= STEPPED_DIAGNOSTICS_CHARACTERS;
    const nextTurn = () => new Promise<boolean>((resolve) => setImmediate(() => resolve(isCurrent())));
    const compute = <T>(steps: Generator<void, T, void>) => (stepped ? runInSteps(steps, nextTurn) : Promise.resolve(runToEnd(steps)));
    // Two publications: the validator and the instruction-level rules at once, then (after a timer's turn, once the
    // first is on its way) the list with the shell-level rules' findings, which need each RUN script parsed as shell.
    // The timer, not setImmediate: the event loop then waits in the poll, so on a busy machine the client gets the
    // core to read the first publication instead of waiting for the shell-level rules (corpus bench, two runs: first
    // diagnostics median 4.76 → 4.28 ms and 4.81 → 4.40 ms against rcjsuen's 3.97 and 4.11; full ~1 ms later).
    const afterFirst = () => new Promise<boolean>((resolve) => setTimeout(() => resolve(isCurrent()), 0));
    const phases = new DiagnosticPhases(parsed, lint, report);
    const first = await compute(phases.first());
    if (!first || !isCurrent()) {
      return;
    }
    await this.send(uri, parsed.version, first, budget);
    let diagnostics = first;
    if (phases.hasMore) {
      if (!(await afterFirst())) {
        return;
      }
      const full = await compute(phases.full());
      if (full === undefined || !isCurrent()) {
        return;
      }
      if (full) {
        diagnostics = full;
        await this.send(uri, parsed.version, full, budget);
      }
    }
    // Derive the facts requests use while the user reads the diagnostics, not on the first hover.
    this.prefetch.schedule(uri, PREFETCH_DELAY_MS, () => {
      if (this.documents.get(uri)?.version === parsed.version) {
        void parsed.facts;
        void parsed.declarations;
        void parsed.document.lineCount;
      }
    });
    if (settings.shellcheck.enabled && parsed.document.lineCount <= settings.shellcheck.maxLines) {
      this.scheduleShellcheck(uri, run, parsed.version, settings, diagnostics, budget);
    }
  }

  /** Parses the document's current version now, unless it goes to the analysis thread or is too large to analyse. */
  private parseAhead(uri: string): void {
    const document = this.documents.get(uri);
    const length = document?.getText().length ?? Infinity;
    if (document && length < ANALYSIS_THREAD_CHARACTERS && !isTooLarge(document.getText())) {
      this.parsed.get(document);
    }
  }

  /**
   * publishDiagnostics for a long document: parsed and diagnosed in the analysis thread, its two parts published
   * as they come while the run is current (a run replaced meanwhile abandons the thread's job).
   */
  private async publishFromThread(uri: string, run: number, version: number, text: string, settings: DockerfileSettings): Promise<void> {
    const isCurrent = () => this.diagnosticRuns.get(uri) === run && this.documents.get(uri)?.version === version;
    const lint = documentLintOptions(settings, this.lintFiles.get(uri));
    let last: DiagnosticsPart | undefined;
    try {
      const outcome = await this.analysis.diagnose({ uri, version, text }, lint, MAX_PUBLISHED_DIAGNOSTICS, async (part) => {
        if (isCurrent()) {
          last = part;
          await this.send(uri, version, part.diagnostics, part.budget);
        }
      });
      if (outcome === 'abandoned') {
        return;
      }
    } catch (error) {
      if (!(error instanceof AnalysisFailedError)) {
        throw error;
      }
      if (isCurrent()) {
        await this.send(uri, version, [analysisFailedDiagnostic(text)]);
      }
      return;
    }
    if (last && isCurrent() && settings.shellcheck.enabled && last.lineCount <= settings.shellcheck.maxLines) {
      this.scheduleShellcheck(uri, run, version, settings, last.diagnostics, last.budget);
    }
  }

  /**
   * Queues ShellCheck for one run's version. Made here, apart from publishDiagnostics: a closure made there would
   * keep that function's whole scope (the parse, the lint) alive for as long as the job waits, for every document
   * waiting; this one keeps only what it is given.
   */
  private scheduleShellcheck(uri: string, run: number, version: number, settings: DockerfileSettings, diagnostics: Diagnostic[], budget: DiagnosticBudget): void {
    const isCurrent = () => this.diagnosticRuns.get(uri) === run && this.documents.get(uri)?.version === version;
    this.shellcheck.schedule(uri, (signal) => this.publishWithShellcheck(uri, settings, diagnostics, budget, signal, isCurrent));
  }

  /** ShellCheck's findings for one version, published with that version's other diagnostics while it is still current. */
  private async publishWithShellcheck(
    uri: string,
    settings: DockerfileSettings,
    diagnostics: Diagnostic[],
    /** The cap the diagnostics were computed under (it counts what it dropped). */
    budget: DiagnosticBudget,
    signal: AbortSignal,
    /** Whether the run that computed `diagnostics` is still the document's latest. */
    runIsCurrent: () => boolean,
  ): Promise<void> {
    const isCurrent = () => !signal.aborted && runIsCurrent();
    const document = this.documents.get(uri);
    if (!document || !isCurrent()) {
      return;
    }
    const version = document.version;
    const text = document.getText();
    const options = {
      executable: settings.shellcheck.executablePath,
      signal,
      timeoutMs: SHELLCHECK_TIMEOUT_MS,
      onUnavailable: (message: string) => void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message }),
    };
    let findings: Finding[];
    if (text.length >= ANALYSIS_THREAD_CHARACTERS) {
      // A long document's parse is in the analysis thread, which just diagnosed this version.
      const lint = documentLintOptions(settings, this.lintFiles.get(uri));
      findings = await this.analysis.shellcheck({ uri, version, text }, { ...options, settings: lint.settings, rules: lint.shellcheckRules }, signal, options.onUnavailable);
    } else {
      // The parse and script parses are looked up now, not kept from the run: many documents may wait their turn.
      const parsed = this.parsed.get(document);
      const lint = { ...documentLintOptions(settings, this.lintFiles.get(uri)), shellParses: this.shellParses.get(uri) };
      findings = await shellcheckDockerfile(
        { text: parsed.text, dockerfile: parsed.dockerfile, settings: lint.settings, shellParses: lint.shellParses },
        { ...options, rules: lint.shellcheckRules },
      );
    }
    if (findings.length > 0 && isCurrent()) {
      await this.send(uri, version, [...diagnostics, ...findings.map((finding) => findingToDiagnostic(finding))], budget);
    }
  }

  private async send(uri: string, version: number, all: Diagnostic[], budget?: DiagnosticBudget): Promise<void> {
    const diagnostics = limitDiagnostics(all, budget?.limit, budget);
    this.published.set(uri, { version, diagnostics });
    const support = this.clientCapabilities.textDocument?.publishDiagnostics;
    await this.connection.sendDiagnostics({
      uri,
      version,
      diagnostics: forClient(diagnostics, { data: support?.dataSupport === true, codeDescription: support?.codeDescriptionSupport === true }),
    });
  }

  private tellSettingsProblems(settings: DockerfileSettings): void {
    for (const problem of settings.lintProblems) {
      if (!this.toldProblems.has(problem)) {
        this.toldProblems.add(problem);
        this.connection.console.warn(`Settings: ${problem}`);
      }
    }
  }
}
