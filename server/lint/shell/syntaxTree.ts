/**
 * A script's tree-sitter-bash syntax tree, copied into plain objects in one cursor pass. Reading a node through
 * web-tree-sitter crosses into WebAssembly on every property; the walker reads each node several times, so one
 * copy is cheaper, and the WebAssembly tree is freed at once.
 */
import type { Language, ParseState, TreeCursor } from 'web-tree-sitter';
import { bashParser } from './bashParser';

export interface SyntaxNode {
  /** The grammar's node type (`command`, `word`, `pipeline`…) or, for anonymous tokens, their text (`|`, `&&`). */
  type: string;
  named: boolean;
  /** The field the node fills in its parent (`name`, `argument`, `body`, `redirect`…). */
  field: string | null;
  /** Script offsets (UTF-16 code units, as JavaScript strings index). */
  start: number;
  end: number;
  children: SyntaxNode[];
}

/** Far longer than any real script takes (none in the corpus takes over ~10 ms): the parse is given up. */
const PARSE_BUDGET_MS = 1000;

/**
 * The tree of a script; undefined when the script has a syntax error (or misses a token, like a closing `fi`).
 * The parse stops at the first error: tree-sitter's error recovery, of no use here, can take minutes on
 * 100,000 characters of garbage.
 */
export function syntaxTree(script: string): SyntaxNode | undefined {
  const started = performance.now();
  // The callback's declared return type is void, but web-tree-sitter cancels the parse when it returns true.
  const progressCallback = (state: ParseState) => state.hasError || performance.now() - started > PARSE_BUDGET_MS;
  const tree = bashParser().parse(script, null, { progressCallback });
  if (!tree) {
    return undefined;
  }
  try {
    if (tree.rootNode.hasError) {
      return undefined;
    }
    const cursor = tree.walk();
    try {
      return copy(cursor, names(tree.language));
    } finally {
      cursor.delete();
    }
  } finally {
    tree.delete();
  }
}

/** A grammar's node type names, field names and which types are named, read from WebAssembly once. */
interface Names {
  language: Language;
  types: readonly string[];
  fields: readonly (string | null)[];
  named: (boolean | undefined)[];
}

const namesByLanguage = new WeakMap<Language, Names>();

function names(language: Language): Names {
  let found = namesByLanguage.get(language);
  if (!found) {
    found = { language, types: language.types, fields: language.fields, named: [] };
    namesByLanguage.set(language, found);
  }
  return found;
}

/**
 * Each cursor property is a call into WebAssembly: a node costs four (type, field, start, end); whether its type
 * is named is the grammar's, asked once per type. Trees with errors never get here, so every type is the grammar's.
 */
function copy(cursor: TreeCursor, grammar: Names): SyntaxNode {
  const typeId = cursor.nodeTypeId;
  const node: SyntaxNode = {
    type: grammar.types[typeId] ?? 'ERROR',
    named: (grammar.named[typeId] ??= grammar.language.nodeTypeIsNamed(typeId)),
    field: grammar.fields[cursor.currentFieldId] ?? null,
    start: cursor.startIndex,
    end: cursor.endIndex,
    children: [],
  };
  if (cursor.gotoFirstChild()) {
    do {
      node.children.push(copy(cursor, grammar));
    } while (cursor.gotoNextSibling());
    cursor.gotoParent();
  }
  return node;
}
