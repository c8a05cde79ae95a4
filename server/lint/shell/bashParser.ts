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

let parser: Parser | undefined;
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

async function load(): Promise<void> {
  // V8 compiles WebAssembly with its baseline compiler, then recompiles hot functions with its optimising one.
  // For the grammar's large parse tables that second tier costs ~40 MB of resident memory and gains nothing
  // measurable on RUN scripts; the flag only concerns WebAssembly, which nothing else in these processes runs.
  v8.setFlagsFromString('--liftoff-only');
  await Parser.init({ wasmBinary: fs.readFileSync(wasmFile(RUNTIME_WASM, 'web-tree-sitter/tree-sitter.wasm')) });
  const language = await Language.load(fs.readFileSync(wasmFile(BASH_WASM, 'tree-sitter-bash/tree-sitter-bash.wasm')));
  const instance = new Parser();
  instance.setLanguage(language);
  parser = instance;
}

/** Next to the bundle (`dist/`, where the build copies the files), else in node_modules (tests run the sources). */
function wasmFile(name: string, packagePath: string): string {
  const besideBundle = path.join(__dirname, name);
  return fs.existsSync(besideBundle) ? besideBundle : require.resolve(packagePath);
}

