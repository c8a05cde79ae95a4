/**
 * Zero false errors: every file of the Compose corpus (real files Docker Compose loads, alone or in their
 * project) gets no error-level diagnostic. Each is opened where it lies, so it is judged as Compose would judge
 * a file found there.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { startComposeServer, type ComposeClient } from './composeHarness';

const corpus = path.resolve(__dirname, '../../../shared/corpus/compose');
const files = fs.existsSync(corpus) ? fs.readdirSync(corpus).filter((name) => /\.ya?ml$/.test(name)).sort() : [];
const skip = files.length === 0 ? `the Compose corpus is absent (${path.relative(process.cwd(), corpus)})` : false;

let client: ComposeClient;
before(async () => {
  // No variables at all: what CI's environment holds must not decide the result.
  client = await startComposeServer({});
});
after(() => client.dispose());

test('every corpus Compose file gets not one error', { skip }, async () => {
  const errors: string[] = [];
  let judged = 0;
  for (const name of files) {
    const uri = pathToFileURL(path.join(corpus, name)).toString();
    const diagnostics = await client.open(uri, fs.readFileSync(path.join(corpus, name), 'utf8'));
    await client.close(uri);
    judged++;
    for (const diagnostic of diagnostics) {
      if (diagnostic.severity === DiagnosticSeverity.Error) {
        errors.push(`${name}:${diagnostic.range.start.line + 1}: [${String(diagnostic.code)}] ${diagnostic.message}`);
      }
    }
  }
  assert.ok(judged >= 300, `expected the full corpus, found ${judged} files`);
  assert.deepEqual(errors, []);
});

test('the corpus files Compose loads on their own are judged with their references (the check is not silenced)', { skip }, async () => {
  // Each file with a reference broken on purpose gets exactly that error: the rules run on these files.
  const checks = fs.readFileSync(path.join(corpus, 'CHECKS.tsv'), 'utf8').split('\n').slice(1).map((line) => line.split('\t'));
  const standalone = checks.filter((columns) => columns[3] === 'ok' && /(^|__)(docker-)?compose\.ya?ml$/.test(columns[0])).map((columns) => columns[0]);
  assert.ok(standalone.length > 100, `${standalone.length} standalone files`);
  let flagged = 0;
  for (const name of standalone.slice(0, 40)) {
    const text = fs.readFileSync(path.join(corpus, name), 'utf8');
    const indent = /^services:[ \t]*\n(?:[ \t]*(?:#.*)?\n)*([ \t]+)\S/m.exec(text)?.[1] ?? '  ';
    const broken = text.replace(/^services:[ \t]*\n/m, `services:\n${indent}zz-broken:\n${indent}${indent}image: x\n${indent}${indent}depends_on: [zz-missing]\n`);
    if (broken === text) {
      continue;
    }
    const uri = pathToFileURL(path.join(corpus, name)).toString();
    const diagnostics = await client.open(uri, broken);
    await client.close(uri);
    const codes = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => d.code);
    assert.deepEqual(codes, ['compose-undefined-service'], name);
    flagged++;
  }
  assert.ok(flagged > 20, `${flagged} files checked`);
});
