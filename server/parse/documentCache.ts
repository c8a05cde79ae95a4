import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ParsedDocument } from './parsedDocument';

/** The parse of each open document's current version; a new version replaces the old one on first use. */
export class DocumentCache {
  private readonly parsed = new Map<string, ParsedDocument>();

  get(document: TextDocument): ParsedDocument {
    const cached = this.parsed.get(document.uri);
    // The live document object is updated in place, so the version number is what tells versions apart.
    if (cached && cached.version === document.version) {
      return cached;
    }
    cached?.release();
    const fresh = new ParsedDocument(document);
    this.parsed.set(document.uri, fresh);
    return fresh;
  }

  has(uri: string): boolean {
    return this.parsed.has(uri);
  }

  delete(uri: string): void {
    this.parsed.get(uri)?.release();
    this.parsed.delete(uri);
  }
}
