/**
 * The analysis thread: parses a long Dockerfile and computes its diagnostics (or runs ShellCheck on it) apart from
 * the thread that answers requests, with the same code the server runs in-process (DiagnosticPhases). One job at a
 * time reaches it (see analysisThread.ts); a job is one long computation, so a version replaced meanwhile is
 * abandoned by ending the thread, not by a message.
 */
import type { MessagePort } from 'node:worker_threads';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticBudget } from '../../diagnosticLimit';
import { DiagnosticPhases, type InternalErrorReporter } from '../diagnostics/compute';
import { RecentShellParses, runToEnd, ShellParseCache } from '../lint';
import { initShellParser } from '../lint/shell/bashParser';
import { shellcheckDockerfile } from '../lint/shellcheck';
import { ParsedDocument } from '../parse/parsedDocument';
import { installParser } from '../parse/parser';
import { localRuleLinks } from '../project/rulesDocument';
import { documentSymbols } from '../features/documentSymbols';
import { imageLinks } from '../features/imageLinks';
import { foldingRanges } from '../features/libraryFeatures';
import { semanticTokens } from '../features/semanticTokens';
import type { DiagnoseJob, DocumentFeature, FeatureJob, FromThread, JobDocument, ShellcheckJob, ToThread } from './messages';

/** RUN script text whose parses the thread keeps across documents (the server keeps as much for its own). */
const RECENT_SHELL_PARSE_CHARACTERS = 64 * 1024;

export async function serveAnalysis(port: MessagePort): Promise<void> {
  installParser();
  await initShellParser();
  const analysis = new Analysis((message) => port.postMessage(message));
  port.on('message', (message: ToThread) => analysis.receive(message));
  port.postMessage({ kind: 'ready' } satisfies FromThread);
}

class Analysis {
  private readonly ruleLink = localRuleLinks();
  private readonly recentShellParses = new RecentShellParses(RECENT_SHELL_PARSE_CHARACTERS);
  /** The RUN script parses of the document diagnosed last: its next version parses only the scripts that changed. */
  private shellParses: { uri: string; cache: ShellParseCache } | undefined;
  /** The parse of the version diagnosed last, which its ShellCheck job (coming soon after) reuses. */
  private lastParse: ParsedDocument | undefined;
  private readonly shellcheckRuns = new Map<number, AbortController>();

  constructor(private readonly post: (message: FromThread) => void) {}

  receive(message: ToThread): void {
    switch (message.kind) {
      case 'diagnose':
        this.diagnose(message);
        break;
      case 'shellcheck':
        void this.shellcheck(message);
        break;
      case 'feature':
        this.feature(message);
        break;
      case 'cancel':
        this.shellcheckRuns.get(message.id)?.abort();
        break;
    }
  }

  private diagnose(job: DiagnoseJob): void {
    const report: InternalErrorReporter = (stage, error) =>
      this.post({ kind: 'internalError', id: job.id, stage, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    try {
      const parsed = this.parse(job.document);
      const shellParses = this.shellParsesFor(job.document.uri);
      const budget = new DiagnosticBudget(job.limit);
      const phases = new DiagnosticPhases(parsed, { settings: job.settings, dockerignore: job.dockerignore, shellParses, ruleLink: this.ruleLink, budget }, report);
      const lineCount = parsed.document.lineCount;
      this.post({ kind: 'diagnostics', id: job.id, part: 'first', diagnostics: runToEnd(phases.first()), budget: budget.state, lineCount });
      if (phases.hasMore) {
        this.post({ kind: 'diagnostics', id: job.id, part: 'full', diagnostics: runToEnd(phases.full()), budget: budget.state, lineCount });
      }
    } catch (error) {
      report('validator', error);
    }
    this.post({ kind: 'done', id: job.id });
  }

  private feature(job: FeatureJob): void {
    let result: unknown = null;
    try {
      result = documentFeature(this.parse(job.document), job.feature);
    } catch (error) {
      this.post({ kind: 'internalError', id: job.id, stage: job.feature.name, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
    this.post({ kind: 'feature', id: job.id, result });
    this.post({ kind: 'done', id: job.id });
  }

  private async shellcheck(job: ShellcheckJob): Promise<void> {
    const controller = new AbortController();
    this.shellcheckRuns.set(job.id, controller);
    try {
      const parsed = this.parse(job.document);
      const findings = await shellcheckDockerfile(
        { text: parsed.text, dockerfile: parsed.dockerfile, settings: job.settings, shellParses: this.shellParsesFor(job.document.uri, false) },
        {
          executable: job.executable,
          rules: job.rules,
          signal: controller.signal,
          timeoutMs: job.timeoutMs,
          onUnavailable: (message) => this.post({ kind: 'shellcheckUnavailable', id: job.id, message }),
        },
      );
      this.post({ kind: 'findings', id: job.id, findings: controller.signal.aborted ? [] : findings });
    } catch (error) {
      this.post({ kind: 'internalError', id: job.id, stage: 'ShellCheck', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      this.post({ kind: 'findings', id: job.id, findings: [] });
    } finally {
      this.shellcheckRuns.delete(job.id);
      this.post({ kind: 'done', id: job.id });
    }
  }

  /** The parse of this version: the one kept from the last job when it is the same, else a new one (kept in its place). */
  private parse(document: JobDocument): ParsedDocument {
    const last = this.lastParse;
    if (last && last.uri === document.uri && last.version === document.version && last.text === document.text) {
      return last;
    }
    last?.release();
    this.lastParse = undefined;
    const parsed = new ParsedDocument(TextDocument.create(document.uri, 'dockerfile', document.version, document.text));
    this.lastParse = parsed;
    return parsed;
  }

  /** The script parses of `uri`'s last lint; `nextRound` starts a new lint (a ShellCheck job only reads them). */
  private shellParsesFor(uri: string, nextRound = true): ShellParseCache {
    if (this.shellParses?.uri !== uri) {
      this.shellParses = { uri, cache: new ShellParseCache(Infinity, this.recentShellParses) };
    } else if (nextRound) {
      this.shellParses.cache.nextRound();
    }
    return this.shellParses.cache;
  }
}

function documentFeature(parsed: ParsedDocument, feature: DocumentFeature): unknown {
  switch (feature.name) {
    case 'semanticTokens':
      return semanticTokens(parsed);
    case 'documentSymbols':
      return documentSymbols(parsed);
    case 'foldingRanges':
      return foldingRanges(parsed, feature.lineFoldingOnly, feature.rangeLimit);
    case 'documentLinks':
      return imageLinks(parsed, feature.localImages);
  }
}
