// `npm run bench:grammar`: the project's Dockerfile grammar against VS Code's built-in one (shipped in
// tm-grammars as docker.json) over the shared corpus. It measures time and how many of the constructs
// that dockerfile-ast finds each grammar highlights. Both grammars run in the same process, rounds
// alternate, and the median round counts.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { Cmd, Copy, DockerfileParser, Entrypoint, type Instruction, ModifiableInstruction, Run } from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';
import type { IGrammar } from 'vscode-textmate';
import { loadDockerfileGrammar, root, tokenAt, tokenizeDocument, type TokenizedLine } from '../test/grammar/support/tokenizer';

const require = createRequire(__filename);
const corpus = path.join(root, '../shared/corpus/dockerfiles');
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);

interface Check {
  construct: string;
  range: Range;
  /** Whether the scopes of the token at the start of the range show the construct. */
  shows: (scopes: string[]) => boolean;
}

const anyScope = (prefix: string) => (scopes: string[]) => scopes.some((scope) => scope.startsWith(prefix));
const shellRun = new Set(['RUN', 'CMD', 'ENTRYPOINT']);

function checksOf(instruction: Instruction): Check[] {
  const checks: Check[] = [{ construct: 'instruction keyword', range: instruction.getInstructionRange(), shows: anyScope('keyword') }];
  if (instruction instanceof ModifiableInstruction) {
    for (const flag of instruction.getFlags()) {
      checks.push({ construct: 'flag name', range: flag.getNameRange(), shows: anyScope('variable.parameter') });
    }
  }
  const heredocs = instruction instanceof Run || instruction instanceof Copy ? instruction.getHeredocs() : [];
  for (const heredoc of heredocs) {
    const content = heredoc.getContentRange();
    if (content) {
      checks.push({
        construct: 'heredoc body is not read as instructions',
        range: content,
        shows: (scopes) => !scopes.some((scope) => scope.startsWith('keyword.')),
      });
    }
  }
  if ((instruction instanceof Run || instruction instanceof Cmd || instruction instanceof Entrypoint) && heredocs.length === 0) {
    const args = instruction.getArguments();
    if (args.length > 0 && instruction.getJSONStrings().length === 0 && args.map((arg) => arg.getValue()).join('') !== '[]') {
      checks.push({ construct: 'shell form: first word is shell', range: args[0].getRange(), shows: anyScope('source.shell') });
      checks.push({ construct: 'shell form: last word is shell', range: args[args.length - 1].getRange(), shows: anyScope('source.shell') });
    }
  }
  if (!shellRun.has(instruction.getKeyword()) && !['SHELL', 'HEALTHCHECK', 'ONBUILD'].includes(instruction.getKeyword()) && heredocs.length === 0) {
    for (const variable of instruction.getVariables()) {
      checks.push({ construct: 'variable outside the shell', range: variable.getNameRange(), shows: anyScope('variable') });
    }
  }
  return checks;
}

function checksOfDocument(text: string): Check[] {
  const dockerfile = DockerfileParser.parse(text);
  const checks = dockerfile.getInstructions().flatMap(checksOf);
  for (const comment of dockerfile.getComments()) {
    checks.push({ construct: 'comment', range: comment.getRange(), shows: anyScope('comment') });
  }
  return checks;
}

function tally(lines: TokenizedLine[], checks: Check[], into: Map<string, { shown: number; total: number }>): void {
  for (const { construct, range, shows } of checks) {
    const entry = into.get(construct) ?? { shown: 0, total: 0 };
    const token = tokenAt(lines[range.start.line], range.start.character);
    entry.total += 1;
    entry.shown += token && shows(token.scopes) ? 1 : 0;
    into.set(construct, entry);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  if (!fs.existsSync(corpus)) {
    console.log(`bench:grammar skipped: the corpus folder ${path.relative(root, corpus)} is absent`);
    return;
  }
  const texts = fs
    .readdirSync(corpus)
    .filter((name) => !name.endsWith('.tsv'))
    .sort()
    .map((name) => fs.readFileSync(path.join(corpus, name), 'utf8'));
  const lineCount = texts.reduce((sum, text) => sum + text.split('\n').length, 0);
  const grammars: Array<{ name: string; grammar: IGrammar }> = [
    { name: 'dockside', grammar: await loadDockerfileGrammar() },
    { name: 'vscode built-in', grammar: await loadDockerfileGrammar(require.resolve('tm-grammars/grammars/docker.json')) },
    // The same grammar with no shell grammar to embed: how much of the time the embedded shell takes.
    { name: 'dockside, no shell', grammar: await loadDockerfileGrammar(undefined, false) },
  ];

  const times = new Map<string, number[]>(grammars.map(({ name }) => [name, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (const { name, grammar } of round % 2 === 0 ? grammars : [...grammars].reverse()) {
      const started = performance.now();
      for (const text of texts) {
        tokenizeDocument(grammar, text);
      }
      times.get(name)?.push(performance.now() - started);
    }
  }

  const checks = texts.map(checksOfDocument);
  const coverage = new Map<string, Map<string, { shown: number; total: number }>>();
  for (const { name, grammar } of grammars) {
    const counts = new Map<string, { shown: number; total: number }>();
    texts.forEach((text, index) => tally(tokenizeDocument(grammar, text), checks[index], counts));
    coverage.set(name, counts);
  }

  console.log(`corpus: ${texts.length} files, ${lineCount} lines; ${rounds} rounds, median`);
  for (const { name } of grammars) {
    const ms = median(times.get(name) ?? []);
    console.log(`${name.padEnd(16)} ${ms.toFixed(0).padStart(6)} ms  ${(lineCount / ms).toFixed(1).padStart(6)} lines/ms`);
  }
  const [ours, builtIn, noShell] = grammars.map(({ name }) => median(times.get(name) ?? []));
  console.log(`time ratio dockside / built-in: ${(ours / builtIn).toFixed(2)}; dockside without the shell grammar / built-in: ${(noShell / builtIn).toFixed(2)}`);
  console.log('\nconstructs highlighted (of those dockerfile-ast finds):');
  const constructs = [...(coverage.get(grammars[0].name)?.keys() ?? [])];
  console.log(`${'construct'.padEnd(44)} ${grammars.map(({ name }) => name.padStart(20)).join('')}`);
  for (const construct of constructs) {
    const cells = grammars.map(({ name }) => {
      const { shown, total } = coverage.get(name)?.get(construct) ?? { shown: 0, total: 0 };
      return `${shown}/${total} ${((100 * shown) / Math.max(total, 1)).toFixed(1)}%`.padStart(20);
    });
    console.log(`${construct.padEnd(44)} ${cells.join('')}`);
  }
}

void main();
