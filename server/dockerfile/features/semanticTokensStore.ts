/**
 * Semantic tokens by request kind: `full` (computed once per document version), `full/delta` (one edit from the
 * tokens last sent for the document: their common start and end kept) and `range` (the tokens of the full set
 * that meet the range). Each open document keeps only the last tokens sent.
 */
import type { Range, SemanticTokens, SemanticTokensDelta } from 'vscode-languageserver-protocol';

interface Sent {
  version: number;
  resultId: string;
  data: number[];
}

/** What one version's tokens are computed from: its parse, or tokens computed elsewhere. */
interface TokenSource {
  uri: string;
  version: number;
}

export class SemanticTokensStore<Source extends TokenSource> {
  private readonly sent = new Map<string, Sent>();
  private results = 0;

  constructor(private readonly compute: (source: Source) => SemanticTokens) {}

  /** Whether the tokens of this version are the last sent for its document (`compute` is then not called). */
  has(uri: string, version: number): boolean {
    return this.sent.get(uri)?.version === version;
  }

  full(parsed: Source): SemanticTokens {
    const { resultId, data } = this.current(parsed);
    return { resultId, data };
  }

  /** An edit from the tokens of `previousResultId`, when they are the last sent; all the tokens otherwise. */
  delta(parsed: Source, previousResultId: string): SemanticTokens | SemanticTokensDelta {
    const previous = this.sent.get(parsed.uri);
    const { resultId, data } = this.current(parsed);
    if (previous?.resultId !== previousResultId) {
      return { resultId, data };
    }
    return { resultId, edits: previous.data === data ? [] : [edit(previous.data, data)] };
  }

  range(parsed: Source, range: Range): SemanticTokens {
    return { data: tokensIn(this.current(parsed).data, range) };
  }

  forget(uri: string): void {
    this.sent.delete(uri);
  }

  /** This version's tokens, with a new result id unless they were the last sent. */
  private current(parsed: Source): Sent {
    const last = this.sent.get(parsed.uri);
    if (last?.version === parsed.version) {
      return last;
    }
    const sent = { version: parsed.version, resultId: String(++this.results), data: this.compute(parsed).data };
    this.sent.set(parsed.uri, sent);
    return sent;
  }
}

/** One edit turning `before` into `after`: what lies between their common start and common end. */
export function edit(before: number[], after: number[]): { start: number; deleteCount: number; data: number[] } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) {
    start++;
  }
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) {
    end++;
  }
  return { start, deleteCount: before.length - start - end, data: after.slice(start, after.length - end) };
}

/** The tokens (relative encoding) that meet `range`, encoded again from the start of the document. */
export function tokensIn(data: number[], range: Range): number[] {
  const kept: number[] = [];
  let line = 0;
  let character = 0;
  let lastLine = 0;
  let lastCharacter = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    character = data[i] === 0 ? character + data[i + 1] : data[i + 1];
    if (line < range.start.line || (line === range.start.line && character + data[i + 2] <= range.start.character)) {
      continue;
    }
    if (line > range.end.line || (line === range.end.line && character >= range.end.character)) {
      break;
    }
    kept.push(line - lastLine, line === lastLine ? character - lastCharacter : character, data[i + 2], data[i + 3], data[i + 4]);
    lastLine = line;
    lastCharacter = character;
  }
  return kept;
}
