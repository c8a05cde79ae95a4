/**
 * A Compose file parsed once per version with the `yaml` package (comments, anchors and exact ranges kept), its
 * plain value, and the lookups the features share: the node at a path, the path at an offset.
 */
import { Document, isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/**
 * Flow collections (`[`, `{`) nested deeper than this are refused before parsing: the parser recurses per level
 * and takes seconds on a line of thousands of brackets.
 */
const MAX_FLOW_DEPTH = 256;

/** More nodes than this once aliases are expanded is an alias bomb, not a Compose file. */
const MAX_EXPANDED_NODES = 1_000_000;

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

export interface SyntaxProblem {
  start: number;
  end: number;
  message: string;
  code: string;
}

/** Where a path's key and value are in the text (offsets). */
export interface Located {
  key?: Pair['key'] & Node;
  node?: Node;
  /** False when the path was only partly found: the ranges are the deepest found. */
  exact: boolean;
}

export class ComposeDocument {
  readonly yaml: Document.Parsed;
  readonly syntax: SyntaxProblem[];
  private plain: unknown;
  private plainDone = false;

  constructor(readonly textDocument: TextDocument) {
    const text = textDocument.getText();
    try {
      if (flowDepth(text) > MAX_FLOW_DEPTH) {
        throw new Error(`brackets nested more than ${MAX_FLOW_DEPTH} levels deep`);
      }
      this.yaml = parseDocument(text, { merge: true, uniqueKeys: true, prettyErrors: false, keepSourceTokens: false });
    } catch (error) {
      // The parser recurses per nesting level: a pathological line can exhaust the stack.
      this.yaml = parseDocument('');
      this.syntax = [{ start: 0, end: Math.min(text.length, 1), code: 'UNPARSABLE', message: `The file cannot be read as YAML (${error instanceof Error ? error.message : String(error)}).` }];
      this.plainDone = true;
      return;
    }
    this.syntax = this.yaml.errors.map((error) => ({
      start: error.pos[0],
      end: error.code === 'DUPLICATE_KEY' ? keyEnd(text, error.pos[0]) : Math.max(error.pos[1], error.pos[0] + 1),
      message: error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''),
      code: error.code,
    }));
  }

  get uri(): string {
    return this.textDocument.uri;
  }

  get version(): number {
    return this.textDocument.version;
  }

  get text(): string {
    return this.textDocument.getText();
  }

  /** The document as plain data (anchors and merge keys resolved); undefined when it cannot be built. */
  get value(): unknown {
    if (!this.plainDone) {
      this.plainDone = true;
      try {
        // The package's own alias limit counts in quadratic time and refuses common files with many anchors:
        // the expanded size is measured here instead, in one pass.
        this.plain = expandedSize(this.yaml.contents, this.yaml, new Map()) <= MAX_EXPANDED_NODES ? this.yaml.toJS({ maxAliasCount: -1 }) : undefined;
      } catch {
        this.plain = undefined;
      }
    }
    return this.plain;
  }

  range(start: number, end: number): Range {
    return { start: this.textDocument.positionAt(start), end: this.textDocument.positionAt(end) };
  }

  nodeRange(node: Node | undefined): Range | undefined {
    return node?.range ? this.range(node.range[0], node.range[1]) : undefined;
  }

  /** The key and value at a path, following aliases and merge keys; the deepest found when it is not all there. */
  locate(path: Path): Located {
    let node: Node | undefined = this.yaml.contents ?? undefined;
    let key: Located['key'];
    for (const segment of path) {
      node = this.resolve(node);
      if (isMap(node)) {
        const pair = findPair(node, String(segment), (alias) => this.resolve(alias));
        if (!pair) {
          return { key, node, exact: false };
        }
        key = pair.key as Located['key'];
        node = (pair.value as Node | null) ?? undefined;
        if (!node) {
          return { key, node: undefined, exact: true };
        }
      } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
        key = undefined;
        node = node.items[segment] as Node;
      } else {
        return { key, node, exact: false };
      }
    }
    return { key, node, exact: true };
  }

  /** The range a problem at a path is shown on: the value, else its key. */
  rangeAt(path: Path, on: 'key' | 'value' = 'value'): Range {
    const located = this.locate(path);
    const preferred = on === 'key' ? (located.key ?? located.node) : (located.node ?? located.key);
    return this.nodeRange(preferred) ?? this.range(0, 0);
  }

  private resolve(node: Node | undefined): Node | undefined {
    let current = node;
    for (let depth = 0; isAlias(current) && depth < 100; depth++) {
      current = (current.resolve(this.yaml) as Node | undefined) ?? undefined;
    }
    return current;
  }
}

export function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (typeof key.value === 'symbol' || key.source === '<<');
}

/** A map's pair for a key, looking into merged maps (`<<: *anchor`) when the map itself has none. */
export function findPair(map: YAMLMap, name: string, resolve: (node: Node) => Node | undefined): Pair | undefined {
  let merged: Pair | undefined;
  for (const item of map.items) {
    if (!isPair(item)) {
      continue;
    }
    if (isMergeKey(item.key)) {
      merged ??= item;
      continue;
    }
    if (isScalar(item.key) ? String(item.key.value) === name : false) {
      return item;
    }
  }
  if (merged) {
    const sources = isSeq(merged.value) ? merged.value.items : [merged.value];
    for (const source of sources) {
      const target = resolve(source as Node);
      if (isMap(target)) {
        const found = findPair(target, name, resolve);
        if (found) {
          return found;
        }
      }
    }
  }
  return undefined;
}

/** Where a key that starts at `start` ends (quoted or plain, up to its colon). */
function keyEnd(text: string, start: number): number {
  const match = /^(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[^\n]*?(?=\s*:(?:\s|$)))/.exec(text.slice(start, start + 1024));
  return start + Math.max(1, match?.[0].length ?? 1);
}

/** How many nodes a value has once its aliases are expanded (each anchor measured once). */
function expandedSize(node: unknown, document: Document.Parsed, sizes: Map<unknown, number>): number {
  if (isAlias(node)) {
    const target = node.resolve(document);
    if (!target) {
      return 1;
    }
    const known = sizes.get(target);
    if (known !== undefined) {
      return known;
    }
    sizes.set(target, Infinity);
    const size = expandedSize(target, document, sizes);
    sizes.set(target, size);
    return size;
  }
  if (isMap(node) || isSeq(node)) {
    const cached = sizes.get(node);
    if (cached !== undefined) {
      return cached;
    }
    let total = 1;
    for (const item of node.items as unknown[]) {
      total += isPair(item) ? expandedSize(item.key, document, sizes) + expandedSize(item.value, document, sizes) : expandedSize(item, document, sizes);
      if (total > MAX_EXPANDED_NODES) {
        break;
      }
    }
    sizes.set(node, total);
    return total;
  }
  return 1;
}

/** The deepest nesting of `[`/`{` in the text (a bound, not a parse: brackets in strings count too). */
function flowDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 91 || code === 123) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
      }
    } else if ((code === 93 || code === 125) && depth > 0) {
      depth--;
    }
  }
  return deepest;
}
