/**
 * Formatting every corpus file changes nothing the builder reads: the words of every RUN script (read by the shell
 * parser), every ENV, LABEL and ARG value and every JSON-form string are the same after it. Only whitespace between
 * words may change; BuildKit keeps a continuation line's leading whitespace, so inside a string it is content.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { Arg, Env, JSONInstruction, Label } from 'dockerfile-ast';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { formatDocument } from '../../server/dockerfile/features/formatting';
import { LintContext } from '../../server/dockerfile/lint/context';
import { initShellParser } from '../../server/dockerfile/lint/shell/bashParser';
import { ParsedDocument } from '../../server/dockerfile/parse/parsedDocument';
import { installParser } from '../../server/dockerfile/parse/parser';
import { defaultSettings } from '../../server/settings';

const corpus = path.resolve(__dirname, '../../../shared/corpus/dockerfiles');
const files = fs.existsSync(corpus) ? fs.readdirSync(corpus).filter((name) => !/\.(md|tsv)$/.test(name)).sort() : [];
const skip = files.length === 0 ? `the Dockerfile corpus is absent (${path.relative(process.cwd(), corpus)})` : false;

before(async () => {
  installParser();
  await initShellParser();
});

/** What the builder reads of a Dockerfile, apart from the whitespace between words. */
function read(text: string): string[] {
  const parsed = new ParsedDocument(TextDocument.create('file:///corpus/Dockerfile', 'dockerfile', 1, text));
  try {
    const out: string[] = [];
    const context = new LintContext(text, parsed.dockerfile, {}, undefined);
    for (const run of context.runScripts()) {
      out.push(run.shell.parsed ? JSON.stringify(run.shell.commands.map((command) => command.words.map((word) => word.raw))) : run.source.script.replace(/\s+/g, ' '));
    }
    for (const instruction of parsed.dockerfile.getInstructions()) {
      if (instruction instanceof Env || instruction instanceof Label || instruction instanceof Arg) {
        out.push(JSON.stringify(instruction.getProperties().map((property) => [property.getName(), property.getValue()])));
      } else if (instruction instanceof JSONInstruction) {
        out.push(JSON.stringify(instruction.getJSONStrings().map((string) => string.getValue())));
      }
    }
    return out;
  } finally {
    parsed.release();
  }
}

test('formatting the corpus changes no word of a RUN, no ENV, LABEL or ARG value and no JSON string', { skip }, () => {
  const changed: string[] = [];
  let edited = 0;
  for (const name of files) {
    const text = fs.readFileSync(path.join(corpus, name), 'utf8');
    const document = TextDocument.create('file:///corpus/Dockerfile', 'dockerfile', 1, text);
    const parsed = new ParsedDocument(document);
    const edits = formatDocument(parsed, { tabSize: 4, insertSpaces: true }, defaultSettings);
    parsed.release();
    if (edits.length === 0) {
      continue;
    }
    edited++;
    if (JSON.stringify(read(TextDocument.applyEdits(document, edits))) !== JSON.stringify(read(text))) {
      changed.push(name);
    }
  }
  assert.ok(edited > files.length / 2, `formatting had work to do on most files (${edited})`);
  assert.deepEqual(changed, []);
});
