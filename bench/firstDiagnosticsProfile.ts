/**
 * In-process profile of what the language server does between a Dockerfile's didOpen and its first publication,
 * over every corpus file, by stage: the snapshot and parse, the validator, the lint context, each instruction-level
 * rule, the conversion to diagnostics and the JSON of the publication. Beside it, the same files through rcjsuen's
 * path (dockerfile-language-service's `validate`, then the JSON). CPU time in one process, without the protocol,
 * the pipes or the other server: what the server's own code costs, not bound by the noise of a loaded machine.
 * Run with `node --import tsx bench/firstDiagnosticsProfile.ts [rounds]`, and with `--theirs` for rcjsuen's path (in a
 * process of its own: our parser patches dockerfile-ast's classes, which it uses too). Node flags given before the
 * script apply (e.g. the server's `--max-semi-space-size=2`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { findingToDiagnostic, forClient } from '../server/dockerfile/diagnostics/findings';
import { syntaxDiagnostics } from '../server/dockerfile/diagnostics/syntax';
import { LintPass, RULES, RecentShellParses, ShellParseCache, type Finding } from '../server/dockerfile/lint';
import { levelOf } from '../server/dockerfile/lint/rule';
import { initShellParser } from '../server/dockerfile/lint/shell/bashParser';
import { ParsedDocument } from '../server/dockerfile/parse/parsedDocument';
import { installParser } from '../server/dockerfile/parse/parser';

const corpus = path.resolve(__dirname, '../../shared/corpus/dockerfiles');
const rounds = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 5);

type Stage = 'snapshot+parse' | 'validator' | 'lint context' | 'rules' | 'to diagnostics' | 'JSON';

/** rcjsuen's path runs in a process of its own: our parser patches dockerfile-ast's classes, which it uses too. */
const theirsOnly = process.argv.includes('--theirs');

function main(): void {
  if (!theirsOnly) {
    installParser();
  }
  const files = fs.readdirSync(corpus).filter((name) => !/\.(md|tsv)$/.test(name)).sort();
  const texts = files.map((file) => fs.readFileSync(path.join(corpus, file), 'utf8'));
  const service = DockerfileLanguageServiceFactory.createLanguageService();
  const instructionRules = RULES.filter((rule) => levelOf(rule) === 'instruction' && rule.enabledByDefault !== false);
  const stageTotals = new Map<Stage, number>();
  const ruleTotals = new Map<string, number>();
  const oursPerFile: number[] = [];
  const theirsPerFile: number[] = [];
  const recent = new RecentShellParses(64 * 1024);
  for (let round = 0; round < rounds + 1; round++) {
    // Round 0 warms up (JIT, first-use caches) and is not counted.
    const counted = round > 0;
    for (const [index, text] of texts.entries()) {
      const uri = `file:///profile/${round}/${index}/Dockerfile`;
      const add = (stage: Stage, ms: number) => counted && stageTotals.set(stage, (stageTotals.get(stage) ?? 0) + ms);
      let clock = performance.now();
      const lap = (stage: Stage) => {
        const now = performance.now();
        add(stage, now - clock);
        clock = now;
      };
      if (theirsOnly) {
        const theirsStarted = performance.now();
        const document = TextDocument.create(uri, 'dockerfile', 1, text);
        const theirs = service.validate(document.getText());
        JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, diagnostics: theirs } });
        if (counted) {
          theirsPerFile.push(performance.now() - theirsStarted);
        }
        continue;
      }
      const started = clock;
      const parsed = new ParsedDocument(TextDocument.create(uri, 'dockerfile', 1, text));
      lap('snapshot+parse');
      const validator = syntaxDiagnostics(parsed.text, (diagnostic) => parsed.document.getText(diagnostic.range));
      lap('validator');
      const pass = new LintPass({ text: parsed.text, dockerfile: parsed.dockerfile, settings: {}, shellParses: new ShellParseCache(Infinity, recent) });
      lap('lint context');
      const findings: Finding[] = [];
      const rulesStarted = performance.now();
      for (const rule of instructionRules) {
        const before = performance.now();
        for (const report of rule.check(pass.context)) {
          findings.push({ code: rule.code, name: rule.name, severity: rule.severity, message: report.message, range: report.range, source: 'dockside' });
        }
        if (counted) {
          ruleTotals.set(rule.code, (ruleTotals.get(rule.code) ?? 0) + performance.now() - before);
        }
      }
      clock = rulesStarted;
      lap('rules');
      const diagnostics = [...validator, ...pass.sort(findings).map((finding) => findingToDiagnostic(finding))];
      lap('to diagnostics');
      JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version: 1, diagnostics: forClient(diagnostics, { data: true, codeDescription: true }) } });
      lap('JSON');
      parsed.release();
      if (counted) {
        oursPerFile.push(performance.now() - started);
      }
    }
  }
  const perFile = (ms: number) => ((ms / rounds / texts.length) * 1000).toFixed(1);
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const pick = (values: number[], p: number) => sorted(values)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)];
  console.log(`${texts.length} files × ${rounds} rounds; node ${process.execArgv.join(' ')}`);
  const summary = (values: number[]) =>
    `${perFile(values.reduce((a, b) => a + b, 0))} / ${(pick(values, 50) * 1000).toFixed(1)} / ${(pick(values, 95) * 1000).toFixed(1)}`;
  if (theirsOnly) {
    console.log(`rcjsuen validate + JSON, µs per file: mean / median / p95 ${summary(theirsPerFile)}`);
    return;
  }
  console.log('| stage | µs per file (mean) |');
  console.log('|---|---|');
  for (const [stage, ms] of stageTotals) {
    console.log(`| ${stage} | ${perFile(ms)} |`);
  }
  console.log(`| first publication: mean / median / p95 | ${summary(oursPerFile)} |`);
  console.log('\nInstruction-level rules, µs per file (mean), costliest first:');
  for (const [code, ms] of [...ruleTotals].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
    const rule = RULES.find((candidate) => candidate.code === code)!;
    console.log(`  ${code} ${rule.name}: ${perFile(ms)}`);
  }
}

void initShellParser().then(main);
