/**
 * A script's tree-sitter-bash syntax tree, copied into plain objects in one pass of the binding's tree cursor
 * (see `CursorBinding`): the WebAssembly tree is freed at once, and the walker reads plain objects as often as
 * it likes.
 */
import type { Language, ParseState } from 'web-tree-sitter';
import { bashParser, cursorBinding, treeAddress, type CursorBinding } from './bashParser';

export interface SyntaxNode {
  /** The grammar's node type (`command`, `word`, `pipeline`…) or, for anonymous tokens, their text (`|`, `&&`). */
  type: string;
  named: boolean;
  /**
   * The field the node fills in its parent, read where the walker looks at fields (the children of commands,
   * redirects and redirected statements: `name`, `argument`, `destination`, `body`); null elsewhere.
   */
  field: string | null;
  /** Script offsets (UTF-16 code units, as JavaScript strings index). */
  start: number;
  end: number;
  children: SyntaxNode[];
}

/** Node types whose children's fields the walker reads. */
const TYPES_WITH_FIELDS_READ = new Set(['command', 'unset_command', 'file_redirect', 'redirected_statement']);

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
    const binding = cursorBinding();
    const address = treeAddress(tree);
    binding._ts_tree_root_node_wasm(address);
    binding._ts_tree_cursor_new_wasm(address);
    try {
      return new TreeCopier(binding, address, names(tree.language)).copy(false);
    } finally {
      // Every move ends back on the root, so the transfer buffer holds the cursor to free.
      binding._ts_tree_cursor_delete_wasm(address);
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
 * Copies the subtree under the cursor. Each property is one call into WebAssembly: a node costs three (type, start,
 * end) and a fourth for its field where that is read; whether a type is named is the grammar's, asked once per type.
 * Trees with errors never get here, so every type is the grammar's.
 */
class TreeCopier {
  constructor(
    private readonly binding: CursorBinding,
    private readonly tree: number,
    private readonly grammar: Names,
  ) {}

  copy(readField: boolean): SyntaxNode {
    const { binding, tree, grammar } = this;
    const typeId = binding._ts_tree_cursor_current_node_type_id_wasm(tree);
    const type = grammar.types[typeId] ?? 'ERROR';
    const node: SyntaxNode = {
      type,
      named: (grammar.named[typeId] ??= grammar.language.nodeTypeIsNamed(typeId)),
      field: readField ? (grammar.fields[binding._ts_tree_cursor_current_field_id_wasm(tree)] ?? null) : null,
      start: binding._ts_tree_cursor_start_index_wasm(tree),
      end: binding._ts_tree_cursor_end_index_wasm(tree),
      children: [],
    };
    if (binding._ts_tree_cursor_goto_first_child_wasm(tree)) {
      const childFields = TYPES_WITH_FIELDS_READ.has(type);
      do {
        node.children.push(this.copy(childFields));
      } while (binding._ts_tree_cursor_goto_next_sibling_wasm(tree));
      binding._ts_tree_cursor_goto_parent_wasm(tree);
    }
    return node;
  }
}
