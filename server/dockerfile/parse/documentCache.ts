import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ParsedDocument } from './parsedDocument';

/**
 * The parse of open documents' current versions; a new version replaces the old one on first use. At most `limit`
 * parses are kept, those of the documents used last: a parse with its derived facts weighs many times its text,
 * and an editor with many Dockerfiles open asks about a few at a time. A document whose parse was let go is
 * parsed again on its next use.
 */
export class DocumentCache {
  /** In order of last use, least recent first. */
  private readonly parsed = new Map<string, ParsedDocument>();
  /** Documents parsed since they were opened, whether or not their parse is still kept. */
  private readonly seen = new Set<string>();

  constructor(private readonly limit = Infinity) {}

  get(document: TextDocument): ParsedDocument {
    const cached = this.parsed.get(document.uri);
    this.parsed.delete(document.uri);
    // The live document object is updated in place, so the version number is what tells versions apart.
    if (cached && cached.version === document.version) {
      this.parsed.set(document.uri, cached);
      return cached;
    }
    cached?.release();
    const fresh = new ParsedDocument(document);
    this.parsed.set(document.uri, fresh);
    this.seen.add(document.uri);
    for (const [uri, oldest] of this.parsed) {
      if (this.parsed.size <= this.limit) {
        break;
      }
      oldest.release();
      this.parsed.delete(uri);
    }
    return fresh;
  }

  /** Whether the document was parsed since it was opened. */
  has(uri: string): boolean {
    return this.seen.has(uri);
  }

  /** How many parses are kept. */
  get size(): number {
    return this.parsed.size;
  }

  delete(uri: string): void {
    this.parsed.get(uri)?.release();
    this.parsed.delete(uri);
    this.seen.delete(uri);
  }
}
