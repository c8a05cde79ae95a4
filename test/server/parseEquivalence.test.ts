/**
 * The wrapped parser (one cached parse shared by every feature, memoised accessors) must change nothing the
 * libraries compute, except what it fixes on purpose (BuildKit's line continuation). Runs in its own process
 * (node:test isolates files), so "before" really is the libraries untouched.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { DockerfileParser, From } from 'dockerfile-ast';
import { DockerFolding } from 'dockerfile-language-service/lib/dockerFolding';
import { DockerLinks } from 'dockerfile-language-service/lib/dockerLinks';
import { DockerSemanticTokens } from 'dockerfile-language-service/lib/dockerSemanticTokens';
import { validate } from 'dockerfile-utils';
import { installParser } from '../../server/parse/parser';
import { detectEscapeCharacter, neutraliseEscapedContinuations } from '../../server/parse/continuation';

const corpus = path.resolve(__dirname, '../../../shared/corpus/dockerfiles');
const files = fs.existsSync(corpus) ? fs.readdirSync(corpus).filter((name) => !/\.(md|tsv)$/.test(name)).sort() : [];
const skip = files.length === 0 ? `the Dockerfile corpus is absent (${path.relative(process.cwd(), corpus)})` : false;

/** Everything observable, computed in the order the server runs it (validator first, then features). */
function observe(text: string): string {
  const out: unknown[] = [validate(text), new DockerSemanticTokens(text).computeSemanticTokens().data];
  out.push(new DockerFolding().computeFoldingRanges(text, false, Number.MAX_VALUE), new DockerLinks().getLinks(text));
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    out.push(instruction.getArguments().map((argument) => [argument.getValue(), argument.getRange()]));
    out.push(instruction.getVariables().map((variable) => [variable.getName(), variable.getNameRange(), variable.isDefined()]));
    if (instruction instanceof From) {
      out.push(instruction.getImageName(), instruction.getImageTag(), instruction.getImageNameRange(), instruction.getBuildStage());
    }
  }
  return JSON.stringify(out);
}

test('the cached, memoised parse gives every library feature the same results', { skip }, () => {
  const sample = files.filter((_, index) => index % 3 === 0);
  const texts = sample.map((name) => fs.readFileSync(path.join(corpus, name), 'utf8'));
  const before = texts.map(observe);
  installParser();
  const differing = sample.filter((_name, index) => {
    const changedOnPurpose = neutraliseEscapedContinuations(texts[index], detectEscapeCharacter(texts[index])) !== texts[index];
    return !changedOnPurpose && observe(texts[index]) !== before[index];
  });
  assert.deepEqual(differing, []);
});

test('a line ending in an escaped escape character is not a continuation; a single one is', () => {
  const cases: [string, string][] = [
    ['COPY a C:\\\\dir\\\\\nENV X=1\n', 'COPY a C:\\\\dir\\/\nENV X=1\n'],
    ['RUN a \\\n  b\n', 'RUN a \\\n  b\n'],
    ['RUN a \\\\ \t\r\nENV X=1\n', 'RUN a \\/ \t\r\nENV X=1\n'],
    ['# escape=`\nCOPY a C:\\dir\\ ``\nENV X=1\n', '# escape=`\nCOPY a C:\\dir\\ `/\nENV X=1\n'],
  ];
  for (const [input, expected] of cases) {
    assert.equal(neutraliseEscapedContinuations(input, detectEscapeCharacter(input)), expected, JSON.stringify(input));
  }
});
