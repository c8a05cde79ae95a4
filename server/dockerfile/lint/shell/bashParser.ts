/**
 * The bash grammar (tree-sitter-bash) in web-tree-sitter, loaded once per process. Loading WebAssembly is
 * asynchronous, parsing is not: the server and the CLI `await initShellParser()` before they lint, then every
 * parse is synchronous. Linting before that throws, so a missing initialisation cannot silence the shell rules.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { Language, Parser } from 'web-tree-sitter';

const RUNTIME_WASM = 'tree-sitter.wasm';
const BASH_WASM = 'tree-sitter-bash.wasm';

/**
 * The tree-cursor functions of web-tree-sitter's WebAssembly binding (its lib/tree-sitter.c), called directly.
 * Each works on the cursor held in the binding's transfer buffer: the `goto` functions move it and write it back,
 * the others only read it. web-tree-sitter's TreeCursor copies its four words into that buffer and back around
 * every call, which was a third of the linter's shell time. The emscripten module the binding builds is the options
 * object given to `Parser.init`, so that object is how its functions are reached.
 */
export interface CursorBinding {
  _ts_tree_root_node_wasm(tree: number): void;
  _ts_tree_cursor_new_wasm(tree: number): void;
  _ts_tree_cursor_delete_wasm(tree: number): void;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
}

const CURSOR_FUNCTIONS: readonly (keyof CursorBinding)[] = [
  '_ts_tree_root_node_wasm',
  '_ts_tree_cursor_new_wasm',
  '_ts_tree_cursor_delete_wasm',
  '_ts_tree_cursor_goto_first_child_wasm',
  '_ts_tree_cursor_goto_next_sibling_wasm',
  '_ts_tree_cursor_goto_parent_wasm',
  '_ts_tree_cursor_current_node_type_id_wasm',
  '_ts_tree_cursor_current_field_id_wasm',
  '_ts_tree_cursor_start_index_wasm',
  '_ts_tree_cursor_end_index_wasm',
];

let parser: Parser | undefined;
let binding: CursorBinding | undefined;
let loading: Promise<void> | undefined;

/** Loads the parser; later calls share the first load. */
export function initShellParser(): Promise<void> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw new Error(`Cannot load the shell parser: ${error instanceof Error ? error.message : String(error)}`);
  });
  return loading;
}

/** The parser, once `initShellParser()` has resolved. */
export function bashParser(): Parser {
  if (!parser) {
    throw new Error('The shell parser is not loaded: await initShellParser() before linting');
  }
  return parser;
}

/** The binding's cursor functions, once `initShellParser()` has resolved. */
export function cursorBinding(): CursorBinding {
  if (!binding) {
    throw new Error('The shell parser is not loaded: await initShellParser() before linting');
  }
  return binding;
}

/** The address of a tree in the binding's memory, which its functions take (web-tree-sitter keeps it at index 0). */
export function treeAddress(tree: object): number {
  const address = (tree as { 0?: unknown })[0];
  if (typeof address !== 'number') {
    throw new Error('web-tree-sitter no longer keeps a tree\'s address where this linter reads it');
  }
  return address;
}

async function load(): Promise<void> {
  // V8 compiles WebAssembly with its baseline compiler, then recompiles hot functions with its optimising one.
  // For the grammar's large parse tables that second tier costs ~40 MB of resident memory and gains nothing
  // measurable on RUN scripts; the flag only concerns WebAssembly, which nothing else in these processes runs.
  v8.setFlagsFromString('--liftoff-only');
  const module: Record<string, unknown> = { wasmBinary: fs.readFileSync(wasmFile(RUNTIME_WASM, 'web-tree-sitter/tree-sitter.wasm')) };
  await Parser.init(module);
  const missing = CURSOR_FUNCTIONS.filter((name) => typeof module[name] !== 'function');
  if (missing.length > 0) {
    throw new Error(`web-tree-sitter's binding lacks ${missing.join(', ')}`);
  }
  const language = await Language.load(fs.readFileSync(wasmFile(BASH_WASM, 'tree-sitter-bash/tree-sitter-bash.wasm')));
  const instance = new Parser();
  instance.setLanguage(language);
  parser = instance;
  binding = module as unknown as CursorBinding;
}

/** Next to the bundle (`dist/`, where the build copies the files), else in node_modules (tests run the sources). */
function wasmFile(name: string, packagePath: string): string {
  const besideBundle = path.join(__dirname, name);
  return fs.existsSync(besideBundle) ? besideBundle : require.resolve(packagePath);
}

