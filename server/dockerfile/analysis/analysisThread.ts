/**
 * The analysis of long documents, in a thread of its own (a `worker_threads` Worker running analysisWorker.ts).
 * Parsing a 4 MB Dockerfile and running the validator are each one synchronous computation of seconds: on the
 * server's thread, every request on every other document waited for them. Here they run beside it, and the
 * server's thread only copies the text over and publishes what comes back.
 *
 * - One thread, started on the first job and ended once it has had none for `idleMs` (its memory goes with it).
 * - Its heap is capped (`maxHeapMb`): a job that needs more ends the thread, and that job fails; the next job
 *   starts a new thread.
 * - One diagnostics or feature job at a time, in the order asked, at most one diagnostics job per document: a
 *   newer one replaces a waiting one, and one abandoned while it runs (its version was replaced, its document
 *   closed) ends the thread, since the computation cannot be interrupted otherwise. ShellCheck jobs in flight
 *   then move to the new thread.
 * - The thread keeps the parse of the version it worked on last, so a version's diagnostics, its features and
 *   its ShellCheck run parse it once.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { DiagnosticBudget } from '../../diagnosticLimit';
import type { Finding, LintSettings, RuleSetting } from '../lint';
import { ANALYSIS_THREAD_ROLE, type DiagnoseJob, type DocumentFeature, type FeatureJob, type FromThread, type JobDocument, type ShellcheckJob } from './messages';

export interface AnalysisThreadOptions {
  /** The thread ends after this many milliseconds without a job. */
  idleMs: number;
  /** The most memory the thread's heap may take (V8's old generation), in MB. */
  maxHeapMb: number;
  /** Told of what failed in the thread: a stage that threw on some input, a thread that ended on its own. */
  log: (message: string) => void;
}

/** One part of a version's diagnostics (see FromThread), with the cap they were computed under. */
export interface DiagnosticsPart {
  part: 'first' | 'full';
  diagnostics: Diagnostic[];
  budget: DiagnosticBudget;
  lineCount: number;
}

export type JobOutcome = 'done' | 'abandoned';

/** The thread ended while a job ran, on its own: out of memory, or an error nothing caught. */
export class AnalysisFailedError extends Error {}

interface Pending {
  job: DiagnoseJob | ShellcheckJob | FeatureJob;
  receive(message: FromThread): void;
  settle(outcome: JobOutcome | Error): void;
}

export class AnalysisThread {
  private worker: Worker | undefined;
  private ready = false;
  private nextId = 0;
  /** Diagnostics jobs not started yet, in order. */
  private readonly queue: Pending[] = [];
  /** The diagnostics job the thread is on. */
  private running: Pending | undefined;
  /** ShellCheck jobs sent to the thread, by id (they run side by side, mostly waiting for ShellCheck). */
  private readonly shellchecks = new Map<number, Pending>();
  private idleTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(private readonly options: AnalysisThreadOptions) {}

  /** Whether a thread is running now (started and not yet ended). */
  get isRunning(): boolean {
    return this.worker !== undefined;
  }

  /**
   * Computes one version's diagnostics in the thread, handing each part to `onPart` in order; resolves once the
   * last part has been handled ('abandoned': replaced by a newer job for the document, or `abandon`ed, and then
   * no part comes after). Rejects with AnalysisFailedError when the thread ended on this job.
   */
  diagnose(
    document: JobDocument,
    lint: { settings: LintSettings; dockerignore?: readonly string[] },
    limit: number,
    onPart: (part: DiagnosticsPart) => Promise<void> | void,
  ): Promise<JobOutcome> {
    this.abandon(document.uri);
    const job: DiagnoseJob = { kind: 'diagnose', id: ++this.nextId, document, settings: lint.settings, dockerignore: lint.dockerignore, limit };
    return new Promise((resolve, reject) => {
      // Parts are handled one after the other, and the job settles after the last.
      let handled: Promise<void> = Promise.resolve();
      let settled = false;
      const pending: Pending = {
        job,
        receive: (message) => {
          if (message.kind === 'diagnostics' && message.diagnostics) {
            const part: DiagnosticsPart = { part: message.part, diagnostics: message.diagnostics, budget: DiagnosticBudget.from(message.budget), lineCount: message.lineCount };
            handled = handled.then(() => (settled ? undefined : onPart(part)));
          } else if (message.kind === 'internalError') {
            this.options.log(`The ${message.stage} failed on ${document.uri}: ${message.error}`);
          }
        },
        settle: (outcome) => {
          if (outcome === 'abandoned') {
            settled = true;
          }
          handled.then(
            () => (outcome instanceof Error ? reject(outcome) : resolve(outcome)),
            (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))),
          );
        },
      };
      this.queue.push(pending);
      this.pump();
    });
  }

  /**
   * A whole-document feature of one version, computed in the thread after the jobs before it; undefined when the
   * thread failed on it or was ended.
   */
  feature(document: JobDocument, feature: DocumentFeature): Promise<unknown> {
    const job: FeatureJob = { kind: 'feature', id: ++this.nextId, document, feature };
    return new Promise((resolve) => {
      let result: unknown;
      this.queue.push({
        job,
        receive: (message) => {
          if (message.kind === 'feature') {
            result = message.result ?? undefined;
          } else if (message.kind === 'internalError') {
            this.options.log(`The ${message.stage} failed on ${document.uri}: ${message.error}`);
          }
        },
        settle: (outcome) => resolve(outcome === 'done' ? result : undefined),
      });
      this.pump();
    });
  }

  /**
   * ShellCheck's findings on one version's RUN scripts, found in the thread (which has the version's parse when
   * it just diagnosed it); none when `signal` stops the run or the thread fails.
   */
  shellcheck(
    document: JobDocument,
    options: { settings: LintSettings; executable: string; rules: Record<string, RuleSetting>; timeoutMs: number },
    signal: AbortSignal,
    onUnavailable: (message: string) => void,
  ): Promise<Finding[]> {
    if (signal.aborted || this.disposed) {
      return Promise.resolve([]);
    }
    const { settings, executable, rules, timeoutMs } = options;
    const job: ShellcheckJob = { kind: 'shellcheck', id: ++this.nextId, document, settings, executable, rules, timeoutMs };
    return new Promise((resolve) => {
      let findings: Finding[] = [];
      const pending: Pending = {
        job,
        receive: (message) => {
          if (message.kind === 'findings') {
            findings = message.findings;
          } else if (message.kind === 'shellcheckUnavailable') {
            onUnavailable(message.message);
          } else if (message.kind === 'internalError') {
            this.options.log(`ShellCheck failed on ${document.uri}: ${message.error}`);
          }
        },
        settle: (outcome) => {
          signal.removeEventListener('abort', cancel);
          resolve(outcome === 'done' && !signal.aborted ? findings : []);
        },
      };
      const cancel = () => {
        if (this.shellchecks.delete(job.id)) {
          this.worker?.postMessage({ kind: 'cancel', id: job.id });
          pending.settle('abandoned');
          this.idleWhenDone();
        }
      };
      signal.addEventListener('abort', cancel);
      this.shellchecks.set(job.id, pending);
      this.clearIdle();
      const worker = this.ensureWorker();
      if (this.ready) {
        worker.postMessage(job);
      }
    });
  }

  /** The document's diagnostics job, waiting or running, is no longer wanted (a running one ends the thread). */
  abandon(uri: string): void {
    const isDiagnosis = (pending: Pending | undefined) => pending?.job.kind === 'diagnose' && pending.job.document.uri === uri;
    for (let index = this.queue.length - 1; index >= 0; index--) {
      if (isDiagnosis(this.queue[index])) {
        this.queue.splice(index, 1)[0].settle('abandoned');
      }
    }
    if (this.running && isDiagnosis(this.running)) {
      const running = this.running;
      this.running = undefined;
      this.stopWorker();
      running.settle('abandoned');
      this.pump();
    }
  }

  /** Ends the thread; every job not finished is abandoned. */
  dispose(): void {
    this.disposed = true;
    this.clearIdle();
    this.stopWorker();
    for (const pending of [...this.queue.splice(0), ...(this.running ? [this.running] : []), ...this.shellchecks.values()]) {
      pending.settle('abandoned');
    }
    this.running = undefined;
    this.shellchecks.clear();
  }

  /** Sends the next diagnostics job when the thread is free, starting a thread if need be. */
  private pump(): void {
    if (this.disposed) {
      return;
    }
    if (this.running || this.queue.length === 0) {
      if (this.shellchecks.size > 0) {
        // ShellCheck jobs moved from an ended thread.
        this.ensureWorker();
      }
      this.idleWhenDone();
      return;
    }
    this.clearIdle();
    const worker = this.ensureWorker();
    if (this.ready) {
      this.running = this.queue.shift()!;
      worker.postMessage(this.running.job);
    }
  }

  private ensureWorker(): Worker {
    if (this.worker) {
      return this.worker;
    }
    const worker = startWorker(this.options.maxHeapMb);
    this.worker = worker;
    this.ready = false;
    worker.on('message', (message: FromThread) => {
      if (this.worker === worker) {
        this.receive(message);
      }
    });
    worker.on('error', (error) => {
      if (this.worker === worker) {
        this.options.log(`The analysis thread failed: ${error.stack ?? error.message}`);
      }
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) {
        this.ended(code);
      }
    });
    worker.unref();
    return worker;
  }

  private receive(message: FromThread): void {
    if (message.kind === 'ready') {
      this.ready = true;
      for (const pending of this.shellchecks.values()) {
        this.worker!.postMessage(pending.job);
      }
      this.pump();
      return;
    }
    if (this.running?.job.id === message.id) {
      this.running.receive(message);
      if (message.kind === 'done') {
        const finished = this.running;
        this.running = undefined;
        finished.settle('done');
        this.pump();
      }
      return;
    }
    const shellcheck = this.shellchecks.get(message.id);
    if (shellcheck) {
      shellcheck.receive(message);
      if (message.kind === 'done') {
        this.shellchecks.delete(message.id);
        shellcheck.settle('done');
        this.idleWhenDone();
      }
    }
  }

  /** The thread ended on its own: the job it ran fails, the ShellCheck jobs get nothing, the next job gets a new thread. */
  private ended(code: number): void {
    const started = this.ready;
    this.worker = undefined;
    this.ready = false;
    const message = started
      ? `The analysis thread ended (exit code ${code}), out of memory (${this.options.maxHeapMb} MB) or on an error`
      : `The analysis thread could not start (exit code ${code})`;
    this.options.log(message);
    // A thread that never started would not start again: the jobs waiting for it fail rather than start another.
    const failed = [...(this.running ? [this.running] : []), ...(started ? [] : this.queue.splice(0))];
    this.running = undefined;
    for (const pending of failed) {
      pending.settle(new AnalysisFailedError(message));
    }
    for (const pending of this.shellchecks.values()) {
      pending.settle('abandoned');
    }
    this.shellchecks.clear();
    this.pump();
  }

  private stopWorker(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = false;
    void worker?.terminate();
  }

  private idleWhenDone(): void {
    if (this.running || this.queue.length > 0 || this.shellchecks.size > 0 || !this.worker) {
      return;
    }
    this.clearIdle();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      this.stopWorker();
    }, this.options.idleMs);
    this.idleTimer.unref();
  }

  private clearIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }
}

/**
 * A thread running analysisWorker.ts. The bundle (dist/server.js) is started again as the thread (server.ts serves
 * the analysis when it runs with the thread's role); from the sources (the tests), the thread loads them through
 * tsx. Its standard output is not the server's: the server's carries the protocol.
 */
function startWorker(maxHeapMb: number): Worker {
  const options = { workerData: { role: ANALYSIS_THREAD_ROLE }, resourceLimits: { maxOldGenerationSizeMb: maxHeapMb }, execArgv: [], stdout: true };
  const worker = __filename.endsWith('.ts')
    ? new Worker(
        `require(${JSON.stringify(require.resolve('tsx/cjs'))});
         require(${JSON.stringify(path.join(__dirname, 'analysisWorker.ts'))}).serveAnalysis(require('node:worker_threads').parentPort);`,
        { ...options, eval: true },
      )
    : new Worker(__filename, options);
  worker.stdout.pipe(process.stderr);
  return worker;
}
