// Tokenizes Dockerfile text with the project's grammar the way VS Code does: vscode-textmate on the
// Oniguruma WebAssembly build, with VS Code's shellscript grammar (from tm-grammars) for `source.shell`.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as onig from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const require = createRequire(__filename);
export const root = path.resolve(__dirname, '../../..');
export const grammarFile = path.join(root, 'syntaxes/dockerfile.tmLanguage.json');

export interface Token {
  line: number;
  startIndex: number;
  endIndex: number;
  text: string;
  scopes: string[];
}

export interface TokenizedLine {
  text: string;
  tokens: Token[];
  stoppedEarly: boolean;
}

let onigLib: Promise<textmate.IOnigLib> | undefined;

function oniguruma(): Promise<textmate.IOnigLib> {
  onigLib ??= (async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
      createOnigScanner: (patterns: string[]) => new onig.OnigScanner(patterns),
      createOnigString: (text: string) => new onig.OnigString(text),
    };
  })();
  return onigLib;
}

const loaded = new Map<string, Promise<textmate.IGrammar>>();

/**
 * A `source.dockerfile` grammar read from `file` (the project's by default), with `source.shell` from
 * tm-grammars unless `embedShell` is false. Each combination gets a registry of its own, so Dockerfile
 * grammars can be compared.
 */
export function loadDockerfileGrammar(file = grammarFile, embedShell = true): Promise<textmate.IGrammar> {
  const key = `${file}\n${embedShell}`;
  let grammar = loaded.get(key);
  if (!grammar) {
    grammar = (async () => {
      const sources: Record<string, string> = { 'source.dockerfile': file };
      if (embedShell) {
        sources['source.shell'] = require.resolve('tm-grammars/grammars/shellscript.json');
      }
      const registry = new textmate.Registry({
        onigLib: oniguruma(),
        loadGrammar: async (scopeName: string) => {
          const source = sources[scopeName];
          return source ? textmate.parseRawGrammar(fs.readFileSync(source, 'utf8'), source) : null;
        },
      });
      const result = await registry.loadGrammar('source.dockerfile');
      if (!result) {
        throw new Error(`cannot load a Dockerfile grammar from ${file}`);
      }
      return result;
    })();
    loaded.set(key, grammar);
  }
  return grammar;
}

/**
 * Tokenizes a whole document line by line, carrying the rule stack as the editor does.
 * `timeLimitMs` bounds each line: a line that runs out of time comes back with `stoppedEarly`.
 */
export function tokenizeDocument(grammar: textmate.IGrammar, text: string, timeLimitMs = 0): TokenizedLine[] {
  const lines = text.split(/\r?\n/);
  let stack = textmate.INITIAL;
  return lines.map((lineText, line) => {
    const result = grammar.tokenizeLine(lineText, stack, timeLimitMs);
    stack = result.ruleStack;
    return {
      text: lineText,
      stoppedEarly: result.stoppedEarly,
      tokens: result.tokens.map((token) => ({
        line,
        startIndex: token.startIndex,
        endIndex: Math.min(token.endIndex, lineText.length),
        text: lineText.slice(token.startIndex, token.endIndex),
        scopes: token.scopes,
      })),
    };
  });
}

/** The token covering a column, or undefined past the end of the line. */
export function tokenAt(line: TokenizedLine, column: number): Token | undefined {
  return line.tokens.find((token) => token.startIndex <= column && column < token.endIndex);
}
