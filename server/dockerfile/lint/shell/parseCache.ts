/**
 * Parses of RUN scripts kept by script text. A parse's offsets are relative to its script, so one parse serves
 * every RUN with the same text, in any document.
 */
import type { ShellScript } from './parse';

/**
 * The parses of the scripts seen last, across documents, bounded by the scripts' total length. Dockerfiles of
 * one project repeat each other's RUN scripts (variants per version or base image, copied boilerplate): in the
 * 630-file corpus, 885 of the 1,825 RUN scripts repeat an earlier file's verbatim. A parse kept here spares the
 * next file that repeats it the shell parser.
 */
export class RecentShellParses {
  /** In order of last use, least recent first. */
  private readonly parses = new Map<string, ShellScript>();
  private characters = 0;

  /** `maxCharacters`: the most script text kept, in UTF-16 units (a parse's size follows its script's). */
  constructor(private readonly maxCharacters: number) {}

  get(script: string): ShellScript | undefined {
    const parsed = this.parses.get(script);
    if (parsed) {
      this.parses.delete(script);
      this.parses.set(script, parsed);
    }
    return parsed;
  }

  add(script: string, parsed: ShellScript): void {
    if (script.length > this.maxCharacters) {
      return;
    }
    if (this.parses.delete(script)) {
      this.characters -= script.length;
    }
    this.parses.set(script, parsed);
    this.characters += script.length;
    for (const oldest of this.parses.keys()) {
      if (this.characters <= this.maxCharacters) {
        break;
      }
      this.parses.delete(oldest);
      this.characters -= oldest.length;
    }
  }

  get size(): number {
    return this.parses.size;
  }
}

/**
 * One document's parses, so that re-linting it parses again only the RUN scripts that changed. Lookups during a
 * round keep a parse; `nextRound()` drops every parse the previous round did not ask for. The language server
 * keeps one per open document and starts a round per lint (it then holds exactly the scripts of the document's
 * last lint, and is dropped with the document), backed by the server's `RecentShellParses`; callers passing
 * none share one whose rounds end every 16,384 scripts.
 */
export class ShellParseCache {
  private current = new Map<string, ShellScript>();
  private previous = new Map<string, ShellScript>();

  constructor(
    private readonly roundSize = Infinity,
    /** Parses from other documents, asked when this document has none for a script, and told of each new one. */
    private readonly recent?: RecentShellParses,
  ) {}

  nextRound(): void {
    this.previous = this.current;
    this.current = new Map();
  }

  get(script: string): ShellScript | undefined {
    let found = this.current.get(script);
    if (!found) {
      found = this.previous.get(script) ?? this.recent?.get(script);
      if (found) {
        this.keep(script, found);
      }
    }
    return found;
  }

  set(script: string, parsed: ShellScript): void {
    this.keep(script, parsed);
    this.recent?.add(script, parsed);
  }

  private keep(script: string, parsed: ShellScript): void {
    if (this.current.size >= this.roundSize) {
      this.nextRound();
    }
    this.current.set(script, parsed);
  }
}
