// Tokenizes Dockerfile text with the project's grammar the way VS Code does: vscode-textmate on the
// Oniguruma WebAssembly build, with VS Code's shellscript grammar (from tm-grammars) for `source.shell`.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
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

function grammarSources(): Record<string, string> {
  return {
    'source.dockerfile': grammarFile,
    'source.shell': require.resolve('tm-grammars/grammars/shellscript.json'),
  };
}

let registryPromise: Promise<textmate.Registry> | undefined;

function registry(): Promise<textmate.Registry> {
  registryPromise ??= (async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const sources = grammarSources();
    return new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (text: string) => new oniguruma.OnigString(text),
      }),
      loadGrammar: async (scopeName: string) => {
        const file = sources[scopeName];
        if (!file) {
          return null;
        }
        return textmate.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
      },
    });
  })();
  return registryPromise;
}

export async function loadDockerfileGrammar(): Promise<textmate.IGrammar> {
  const grammar = await (await registry()).loadGrammar('source.dockerfile');
  if (!grammar) {
    throw new Error(`cannot load the Dockerfile grammar from ${grammarFile}`);
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
