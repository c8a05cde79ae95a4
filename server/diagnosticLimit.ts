/**
 * At most this many diagnostics are published for one document, as other language servers limit them: a generated
 * 20 MB file had 1.2 million, which no one reads and which the editor has to hold and lay out. The most severe
 * are kept (errors, then warnings, then the rest, each in the order found), and one more diagnostic, where the first
 * left out starts, says how many were left out.
 */
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-protocol';

export const MAX_PUBLISHED_DIAGNOSTICS = 1000;

/**
 * The cap applied while diagnostics are computed, so a document with a million problems does not make a million
 * objects first: the publication keeps errors first, then warnings, then the rest, each in the order found, so once
 * `limit` diagnostics of a severity or a more severe one are found, no later one of that severity (or a milder one)
 * can be shown. Such findings are counted and dropped (`hasRoom` false), and a check whose findings would all be of
 * such a severity need not run (`skipped` then says the count is a lower bound).
 */
export class DiagnosticBudget {
  /** Diagnostics found so far by severity (error, warning, information, hint). */
  private readonly found = [0, 0, 0, 0];
  /** Diagnostics found and dropped for want of room. */
  dropped = 0;
  /** Whether a check was left out for want of room: more problems may exist than were counted. */
  skipped = false;

  constructor(readonly limit = MAX_PUBLISHED_DIAGNOSTICS) {}

  /** A budget as another thread left it (see `state`), for the publication of what that thread computed under it. */
  static from(state: DiagnosticBudgetState): DiagnosticBudget {
    const budget = new DiagnosticBudget(state.limit);
    state.found.forEach((count, rank) => (budget.found[rank] = count));
    budget.dropped = state.dropped;
    budget.skipped = state.skipped;
    return budget;
  }

  /** The counts as plain data, to pass to another thread. */
  get state(): DiagnosticBudgetState {
    return { limit: this.limit, found: this.found.slice(), dropped: this.dropped, skipped: this.skipped };
  }

  /** Whether a diagnostic of this severity could still be shown. */
  hasRoom(severity: DiagnosticSeverity | undefined): boolean {
    let moreSevere = 0;
    for (let rank = 0; rank <= severityRank(severity); rank++) {
      moreSevere += this.found[rank];
    }
    return moreSevere < this.limit;
  }

  /** Counts a diagnostic of this severity; false (and counted as dropped) when it could not be shown. */
  admit(severity: DiagnosticSeverity | undefined): boolean {
    if (!this.hasRoom(severity)) {
      this.dropped++;
      return false;
    }
    this.found[severityRank(severity)]++;
    return true;
  }
}

export interface DiagnosticBudgetState {
  limit: number;
  found: number[];
  dropped: number;
  skipped: boolean;
}

function severityRank(severity: DiagnosticSeverity | undefined): number {
  return Math.min(Math.max((severity ?? DiagnosticSeverity.Error) - 1, 0), 3);
}

/**
 * At most `limit` of `diagnostics`, the most severe first, and one more saying how many were left out. `budget`,
 * when the diagnostics were computed under one, adds those it dropped (and says when checking stopped early).
 */
export function limitDiagnostics(diagnostics: Diagnostic[], limit = MAX_PUBLISHED_DIAGNOSTICS, budget?: DiagnosticBudget): Diagnostic[] {
  const dropped = budget?.dropped ?? 0;
  const skipped = budget?.skipped ?? false;
  if (diagnostics.length <= limit && dropped === 0 && !skipped) {
    return diagnostics;
  }
  const bySeverity: Diagnostic[][] = [[], [], [], []];
  for (const diagnostic of diagnostics) {
    bySeverity[severityRank(diagnostic.severity)].push(diagnostic);
  }
  const kept: Diagnostic[] = [];
  let firstLeftOut: Diagnostic | undefined;
  for (const group of bySeverity) {
    const room = limit - kept.length;
    kept.push(...group.slice(0, room));
    for (const diagnostic of group.slice(Math.max(room, 0))) {
      if (!firstLeftOut || before(diagnostic, firstLeftOut)) {
        firstLeftOut = diagnostic;
      }
    }
  }
  const leftOut = diagnostics.length - kept.length + dropped;
  const count = `${skipped ? 'at least ' : ''}${leftOut.toLocaleString('en')}`;
  kept.push({
    range: firstLeftOut?.range ?? diagnostics.at(-1)?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: 'dockside',
    message: `…and ${count} more problems in this file: only the first ${limit.toLocaleString('en')} are shown.`,
  });
  return kept;
}

function before(a: Diagnostic, b: Diagnostic): boolean {
  const x = a.range.start;
  const y = b.range.start;
  return x.line < y.line || (x.line === y.line && x.character < y.character);
}
