/**
 * Benchmark: the Dockside Dockerfile language server against rcjsuen's dockerfile-language-server-nodejs,
 * both over stdio, in one run, alternating which goes first. Figures:
 * - time from didOpen to the first publishDiagnostics over every corpus file (median, p95), and to the full set
 *   (Dockside publishes the validator and the instruction-level rules first, the shell-level rules' findings after:
 *   full is its last publication before QUIET_MS without one; ShellCheck's, later still, is not counted);
 * - the same on generated 1k/10k/50k-line files, with hover and completion latency on each (median of 15
 *   after 3 uncounted warm-up requests), and hover latency right after a keystroke elsewhere in the file (median
 *   of 5: the server has a new version to parse first);
 * - server RSS after the corpus opened and closed file by file; then with every corpus file open at once, and
 *   after closing them all.
 * Run with `npm run bench:langserver`, which first builds dist/server.js as the .vsix ships it (minified; the
 * development bundle's longer source adds ~3 MB of resident memory); `-- --no-shellcheck` turns Dockside's
 * ShellCheck runs off, to see what they cost; `-- --corpus` measures the corpus alone (first and full diagnostics,
 * and the three RSS figures).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../src/language/serverFlags';
import { BenchClient } from './langserverClient';

const root = path.resolve(__dirname, '..');
const corpus = path.resolve(root, '../shared/corpus/dockerfiles');
const ours = path.join(root, 'dist/server.js');
const theirs = require.resolve('dockerfile-language-server-nodejs/bin/docker-langserver');
/** Requests per file and kind, after as many warm-up requests (JIT, first-use caches) that are not counted. */
const REQUEST_REPEATS = 15;
const WARMUP_REQUESTS = 3;
/** Keystrokes each followed at once by a hover, per file; a pause before each lets the previous one's diagnostics finish. */
const EDITS = 5;
const PAUSE_BEFORE_EDIT_MS = 1500;
/** A document's diagnostics are complete when no publication has come for this long after the last. */
const QUIET_MS = 40;
/** Time given to a server after closing every document before its memory is read. */
const SETTLE_AFTER_CLOSE_MS = 2000;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const median = (values: number[]) => percentile(values, 50);

/** Single-line instructions taken from the corpus, cycled into a file of `lines` lines with a stage every 1,000. */
function generate(instructions: string[], lines: number): { text: string; hoverLine: number; completionLine: number } {
  const out: string[] = ['ARG BASE=alpine:3.20'];
  for (let index = 0; out.length < lines; index++) {
    out.push(out.length % 1000 === 1 ? `FROM \${BASE} AS stage${out.length}` : instructions[index % instructions.length]);
  }
  // Hover on an ENV variable reference and complete a `$` in the middle of the file.
  const middle = Math.floor(lines / 2);
  out.splice(middle, 2, 'ENV BENCH_HOME=/srv/bench', 'WORKDIR $BENCH_HOME');
  out.splice(middle + 2, 1, 'RUN echo $');
  return { text: out.join('\n') + '\n', hoverLine: middle + 1, completionLine: middle + 2 };
}

function corpusInstructions(files: string[]): string[] {
  const instructions: string[] = [];
  for (const file of files) {
    for (const line of fs.readFileSync(path.join(corpus, file), 'utf8').split('\n')) {
      if (/^(RUN|ENV|LABEL|WORKDIR|COPY|EXPOSE|USER|ARG) \S/.test(line) && !/[\\`]\s*$/.test(line) && !line.includes("<<") && line.length < 300) {
        instructions.push(line);
      }
    }
  }
  return instructions;
}

function format(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

/** A semantic tokens request longer than this is given up (rcjsuen's are quadratic: ~26 s at 2,000 lines). */
const SEMANTIC_TOKENS_DEADLINE_MS = 60_000;
/** Keystrokes of each kind (request sent with the change; request sent once the change is diagnosed), per file. */
const TOKEN_EDITS = 4;

type Row = [string, string, string, string];

/**
 * Semantic tokens on generated files of 1k, 2k, 10k and 50k lines, each figure two ways: "total", the request sent right after the open or
 * the keystroke (what an editor does: the time includes waiting behind the parse and diagnostics of that version),
 * and "alone", the request sent once that version's diagnostics are all published (the tokens' own cost).
 * `full` on the opened version; after each keystroke, `full/delta` from the last result (a `full` request for
 * rcjsuen's server, which has no delta). Each server runs afresh for this section; once one misses the deadline
 * it is stopped and not asked larger files.
 */
async function semanticTokenRows(instructions: string[], settings: Record<string, unknown> | undefined): Promise<Row[]> {
  const rows: Row[] = [];
  const makers: Record<string, () => BenchClient> = {
    dockside: () => new BenchClient('dockside', ours, SERVER_EXEC_ARGV, settings, SERVER_ENV),
    rcjsuen: () => new BenchClient('rcjsuen', theirs),
  };
  const kinds = ['full total', 'full alone', 'full alone, server CPU', 'after a keystroke total', 'after a keystroke alone', 'after a keystroke alone, server CPU'] as const;
  type Kind = (typeof kinds)[number];
  const gaveUp = new Set<string>();
  for (const lines of [1000, 2000, 10_000, 50_000]) {
    const { text } = generate(instructions, lines);
    const figures = new Map<string, Map<Kind, number>>();
    for (const name of Object.keys(makers)) {
      const times = new Map<Kind, number>();
      figures.set(name, times);
      if (gaveUp.has(name)) {
        continue;
      }
      const server = makers[name]();
      await server.initialize();
      const withDeadline = <T>(promise: Promise<T>) =>
        Promise.race([promise, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), SEMANTIC_TOKENS_DEADLINE_MS))]);
      const full = (uri: string) => withDeadline(server.request<{ resultId?: string; data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } }));
      const run = async (): Promise<boolean> => {
        // Total: the request sent with the open, timed from the open.
        const started = performance.now();
        const opened = server.timeToDiagnostics(text);
        const uri = `file:///bench/${server.documentCount - 1}/Dockerfile`;
        const total = await full(uri);
        await opened;
        if (!total) {
          return false;
        }
        times.set('full total', performance.now() - started);
        await server.close(uri);
        // Alone: another document, asked once its diagnostics are all published.
        const second = await server.timeToFullDiagnostics(text, QUIET_MS);
        const cpuBefore = server.cpuMs();
        const alone = await full(second.uri);
        if (!alone) {
          return false;
        }
        times.set('full alone', alone.ms);
        times.set('full alone, server CPU', server.cpuMs() - cpuBefore);
        let resultId = alone.result.resultId;
        const ask = async () => {
          const answer = resultId
            ? await withDeadline(server.request<{ resultId?: string }>('textDocument/semanticTokens/full/delta', { textDocument: { uri: second.uri }, previousResultId: resultId }))
            : await full(second.uri);
          resultId = answer?.result.resultId;
          return answer;
        };
        let version = 2;
        for (const kind of ['after a keystroke total', 'after a keystroke alone'] as const) {
          const taken: number[] = [];
          const cpu: number[] = [];
          for (let edit = 0; edit < TOKEN_EDITS; edit++) {
            const line = Math.floor(lines / 2) + version;
            const settled = server.settle(second.uri, QUIET_MS);
            const started = performance.now();
            await server.typeSpace(second.uri, version++, line);
            if (kind === 'after a keystroke alone') {
              await settled;
            }
            const cpuBefore = server.cpuMs();
            const answer = await ask();
            if (!answer) {
              return false;
            }
            cpu.push(server.cpuMs() - cpuBefore);
            taken.push(kind === 'after a keystroke total' ? performance.now() - started : answer.ms);
            await settled;
          }
          times.set(kind, median(taken));
          if (kind === 'after a keystroke alone') {
            times.set('after a keystroke alone, server CPU', median(cpu));
          }
        }
        return true;
      };
      if (await run()) {
        await server.dispose();
      } else {
        gaveUp.add(name);
        server.kill();
      }
    }
    const cell = (name: string, kind: Kind) => {
      const ms = figures.get(name)!.get(kind);
      return ms !== undefined ? format(ms) : gaveUp.has(name) ? `> ${SEMANTIC_TOKENS_DEADLINE_MS / 1000} s or not run` : '';
    };
    const ratio = (kind: Kind) => {
      const [x, y] = ['dockside', 'rcjsuen'].map((name) => figures.get(name)!.get(kind));
      return x !== undefined && y !== undefined ? `${(x / y).toFixed(3)}×` : '';
    };
    for (const kind of kinds) {
      rows.push([`${lines / 1000}k lines semantic tokens ${kind} ms`, cell('dockside', kind), cell('rcjsuen', kind), ratio(kind)]);
    }
  }
  rows.push(['(after a keystroke: dockside full/delta, rcjsuen full; total = from the change, alone = once diagnosed;', '', '', '']);
  rows.push([' server CPU: the server process\'s CPU time during the request, from /proc, in 10 ms ticks)', '', '', '']);
  return rows;
}

function printTable(rows: Row[]): void {
  const header: [string, string, string, string] = ['measure', 'dockside', 'rcjsuen', 'dockside ÷ rcjsuen'];
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column].length)));
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of rows) {
    console.log(line(row));
  }
}

async function main(): Promise<void> {
  if (!fs.existsSync(corpus)) {
    console.error(`The Dockerfile corpus is absent (${path.relative(process.cwd(), corpus)}): nothing to measure.`);
    process.exitCode = 1;
    return;
  }
  const files = fs.readdirSync(corpus).filter((name) => !/\.(md|tsv)$/.test(name)).sort();
  // Each server runs as its editor client launches it: ours with the extension's V8 flags.
  const shellcheck = !process.argv.includes('--no-shellcheck');
  const settings = shellcheck ? undefined : { 'dockside.dockerfile': { shellcheck: { enabled: false } } };
  if (process.argv.includes('--semantic-tokens')) {
    // This section alone: `npm run bench:langserver -- --semantic-tokens`.
    printTable(await semanticTokenRows(corpusInstructions(files), settings));
    return;
  }
  const servers = [new BenchClient('dockside', ours, SERVER_EXEC_ARGV, settings, SERVER_ENV), new BenchClient('rcjsuen', theirs)];
  const environment = Object.entries(SERVER_ENV).map(([name, value]) => `${name}=${value} `).join('');
  console.log(`dockside runs as \`${environment}node ${SERVER_EXEC_ARGV.join(' ')} dist/server.js --stdio\`, rcjsuen as \`docker-langserver --stdio\`.`);
  console.log(`Dockside's ShellCheck runs (after the first diagnostics of each file): ${shellcheck ? 'on' : 'off'}.`);
  await Promise.all(servers.map((server) => server.initialize()));
  const rows: [string, string, string, string][] = [];
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

  // Corpus, alternating which server goes first.
  const firstTimes = new Map<string, number[]>(servers.map((server) => [server.name, []]));
  const fullTimes = new Map<string, number[]>(servers.map((server) => [server.name, []]));
  const texts = files.map((file) => fs.readFileSync(path.join(corpus, file), 'utf8'));
  for (const [index, text] of texts.entries()) {
    const order = index % 2 === 0 ? servers : [...servers].reverse();
    for (const server of order) {
      const { uri, first, full } = await server.timeToFullDiagnostics(text, QUIET_MS);
      firstTimes.get(server.name)!.push(first);
      fullTimes.get(server.name)!.push(full);
      await server.close(uri);
    }
  }
  for (const [label, times] of [['first', firstTimes], ['full', fullTimes]] as const) {
    const [ours, theirs] = servers.map((server) => times.get(server.name)!);
    rows.push([`corpus (${files.length} files) ${label} diagnostics median ms`, format(median(ours)), format(median(theirs)), ratio(median(ours), median(theirs))]);
    rows.push([`corpus ${label} diagnostics p95 ms`, format(percentile(ours, 95)), format(percentile(theirs, 95)), ratio(percentile(ours, 95), percentile(theirs, 95))]);
  }
  const rssRow = (label: string) => {
    const [ourRss, theirRss] = servers.map((server) => server.rssMb());
    rows.push([label, ourRss.toFixed(0), theirRss.toFixed(0), ratio(ourRss, theirRss)]);
  };
  rssRow('RSS after the corpus MB');
  // Every corpus file open at once, as in an editor with many tabs, then all closed.
  for (const server of servers) {
    const uris: string[] = [];
    for (const text of texts) {
      uris.push((await server.timeToDiagnostics(text)).uri);
    }
    server.opened = uris;
  }
  rssRow('RSS with every corpus file open MB');
  for (const server of servers) {
    for (const uri of server.opened) {
      await server.close(uri);
    }
  }
  await new Promise((resolve) => setTimeout(resolve, SETTLE_AFTER_CLOSE_MS));
  rssRow('RSS after closing every document MB');
  if (process.argv.includes('--corpus')) {
    // The corpus section alone: `npm run bench:langserver -- --corpus`.
    await Promise.all(servers.map((server) => server.dispose()));
    printTable(rows);
    return;
  }

  // Generated stress files.
  const instructions = corpusInstructions(files);
  const diagnosticsBySize = new Map<string, number[]>();
  for (const lines of [1000, 10_000, 50_000]) {
    const { text, hoverLine, completionLine } = generate(instructions, lines);
    const results = new Map<string, { diagnostics: number; hover: number; completion: number; hoverAfterEdit: number }>();
    for (const server of lines % 2 === 0 ? servers : [...servers].reverse()) {
      const { uri, ms } = await server.timeToDiagnostics(text);
      const hovers: number[] = [];
      const completions: number[] = [];
      for (let repeat = 0; repeat < WARMUP_REQUESTS + REQUEST_REPEATS; repeat++) {
        const hover = await server.time('textDocument/hover', uri, hoverLine, 10);
        const completion = await server.time('textDocument/completion', uri, completionLine, 10);
        if (repeat >= WARMUP_REQUESTS) {
          hovers.push(hover);
          completions.push(completion);
        }
      }
      const afterEdits: number[] = [];
      for (let edit = 0; edit < EDITS; edit++) {
        await new Promise((resolve) => setTimeout(resolve, PAUSE_BEFORE_EDIT_MS));
        const started = performance.now();
        await server.typeSpace(uri, edit + 2, 1 + edit);
        await server.time('textDocument/hover', uri, hoverLine, 10);
        afterEdits.push(performance.now() - started);
      }
      results.set(server.name, { diagnostics: ms, hover: median(hovers), completion: median(completions), hoverAfterEdit: median(afterEdits) });
      diagnosticsBySize.set(server.name, [...(diagnosticsBySize.get(server.name) ?? []), ms]);
      await server.close(uri);
    }
    const a = results.get('dockside')!;
    const b = results.get('rcjsuen')!;
    const label = `${lines / 1000}k lines`;
    rows.push([`${label} diagnostics ms`, format(a.diagnostics), format(b.diagnostics), ratio(a.diagnostics, b.diagnostics)]);
    rows.push([`${label} hover median ms`, format(a.hover), format(b.hover), ratio(a.hover, b.hover)]);
    rows.push([`${label} completion median ms`, format(a.completion), format(b.completion), ratio(a.completion, b.completion)]);
    rows.push([`${label} hover right after an edit median ms`, format(a.hoverAfterEdit), format(b.hoverAfterEdit), ratio(a.hoverAfterEdit, b.hoverAfterEdit)]);
  }
  const growth = (name: string) => {
    const [, ten, fifty] = diagnosticsBySize.get(name)!;
    return (fifty / ten).toFixed(1);
  };
  rows.push(['diagnostics 50k ÷ 10k (5.0 = linear)', growth('dockside'), growth('rcjsuen'), '']);
  await Promise.all(servers.map((server) => server.dispose()));
  rows.push(...(await semanticTokenRows(instructions, settings)));
  printTable(rows);
}

void main();
