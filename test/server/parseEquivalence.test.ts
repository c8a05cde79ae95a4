/**
 * The wrapped parser (one cached parse shared by every feature, memoised accessors, indexed variable resolution)
 * and the validator's shortcuts must change nothing the libraries compute, except what it fixes on purpose (BuildKit's line continuation). Runs in its own process
 * (node:test isolates files), so "before" really is the libraries untouched.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { Arg, DockerfileParser, Env, From } from 'dockerfile-ast';
import { DockerFolding } from 'dockerfile-language-service/lib/dockerFolding';
import { DockerLinks } from 'dockerfile-language-service/lib/dockerLinks';
import { DockerSemanticTokens } from 'dockerfile-language-service/lib/dockerSemanticTokens';
import { validate } from 'dockerfile-utils';
import { VALIDATOR_SETTINGS } from '../../server/dockerfile/diagnostics/ruleOwnedChecks';
import { installValidatorShortcuts } from '../../server/dockerfile/diagnostics/validatorShortcuts';
import { installParser } from '../../server/dockerfile/parse/parser';
import { detectEscapeCharacter, neutraliseEscapedContinuations } from '../../server/dockerfile/parse/continuation';

const corpus = path.resolve(__dirname, '../../../shared/corpus/dockerfiles');
const files = fs.existsSync(corpus) ? fs.readdirSync(corpus).filter((name) => !/\.(md|tsv)$/.test(name)).sort() : [];
const skip = files.length === 0 ? `the Dockerfile corpus is absent (${path.relative(process.cwd(), corpus)})` : false;

/** Everything observable, computed in the order the server runs it (validator first, then features). */
function observe(text: string): string {
  const out: unknown[] = [validate(text), validate(text, VALIDATOR_SETTINGS), new DockerSemanticTokens(text).computeSemanticTokens().data];
  out.push(new DockerFolding().computeFoldingRanges(text, false, Number.MAX_VALUE), new DockerLinks().getLinks(text));
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    out.push(instruction.getArguments().map((argument) => [argument.getValue(), argument.getRange()]));
    out.push(instruction.getVariables().map((variable) => [variable.getName(), variable.getNameRange(), variable.isDefined(), variable.isBuildVariable()]));
    if (instruction instanceof From) {
      out.push(instruction.getImageName(), instruction.getImageTag(), instruction.getImageNameRange(), instruction.getBuildStage());
    }
  }
  out.push(resolutions(text));
  return JSON.stringify(out);
}

/** Every declared name resolved on every line (and around the ends), and the image holding positions on each line. */
function resolutions(text: string): unknown[] {
  const dockerfile = DockerfileParser.parse(text);
  const names = new Set<string>();
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction instanceof Arg || instruction instanceof Env) {
      for (const property of instruction.getProperties()) {
        names.add(property.getName());
      }
    }
  }
  const lines = text.split('\n').length;
  const out: unknown[] = [];
  for (let line = -1; line <= lines; line++) {
    const image = dockerfile.getContainingImage({ line, character: 0 });
    out.push(image === null ? null : image === dockerfile ? 'file' : image.getRange());
    for (const character of [1, 2, 40]) {
      const inner = dockerfile.getContainingImage({ line, character });
      out.push(inner === null ? null : inner === dockerfile ? 'file' : inner.getRange());
    }
    // On a line no stage holds, the unchanged library recurses until the stack overflows.
    for (const name of image === dockerfile ? [] : names) {
      out.push(dockerfile.resolveVariable(name, line));
    }
  }
  return out;
}

/** What the corpus has few of: redeclarations across and within stages, ENV over ARG, indented stages, heredocs. */
const RESOLUTION_CASES = [
  'ARG A=1\nARG B\nFROM x:$A AS one\nARG A\nRUN echo $A $B\nENV A=2 A=3 C=$A\nARG A=4\nRUN echo $A $C\nFROM one\nRUN echo $A ${B:-b}\nARG B=5\nENV B=6\nRUN echo $B\n',
  '# comment\nARG V=1\n  FROM scratch\nRUN echo $V\n  ARG V\nRUN echo $V\n\nFROM scratch AS two\nENV V=2\n# note\nRUN echo $V\n',
  'ENV E=1\nRUN echo $E\nFROM scratch\nRUN echo $E\nARG E\nRUN echo $E\n',
  '# only a comment\n\nFROM a\nFROM b\nARG X=1\nFROM c\nRUN $X\n',
  'FROM scratch\nARG\nENV\nRUN echo $\nARG 1=2\nENV a b\nRUN echo $a $1\n',
  'FROM scratch\nRUN <<EOF\necho $HOME\nEOF\nCOPY <<-A /x\n\tcontent\nA\nONBUILD RUN echo $X\nONBUILD COPY <<B /y\nB\nRUN echo done\n',
  // A blank line in a heredoc is content, not an empty continuation line.
  'FROM scratch\nRUN <<EOF\necho a\n\necho b\nEOF\nRUN echo a \\\n\n  b\n',
  'FROM scratch\nRUN echo ${A:=x} ${B:} ${C?}\nCMD ${A:=x}\nENV X=${A:=x} Y=${B:} Z=${C:-c}\nLABEL a=${A:?}\n',
  // Stage names, valid and not (short enough for the validator's own pattern to answer quickly).
  'FROM a AS 1x\nFROM b AS bad:name\nFROM c AS Good.Name-1_x\nFROM d AS e f\nFROM g:1 \\\nLABEL a=b\n',
  // JSON in single quotes, which the validator reports unless told not to.
  "FROM scratch\nCMD ['a', 'b']\nENTRYPOINT ['a']\nRUN ['a','b']\nVOLUME ['/v']\nCOPY ['a', '/b/']\nADD ['a', '/b/']\nCMD [\"a\", 'b']\n",
  'FROM scratch\nENV A=${A} B=${A}${B_1}x C=${}\nENV D=${A} E=${B:}\nLABEL a=${A}-${B x}\nWORKDIR /${A}/\\${B:=x}\nUSER ${A\\\n}:${A:+b}\nARG Z=${A\n',
];

test('the cached, memoised parse gives every library feature the same results', { skip }, () => {
  const sample = [...files.filter((_, index) => index % 3 === 0), ...RESOLUTION_CASES.map((_, index) => `case ${index}`)];
  const texts = [...sample.slice(0, sample.length - RESOLUTION_CASES.length).map((name) => fs.readFileSync(path.join(corpus, name), 'utf8')), ...RESOLUTION_CASES];
  const before = texts.map(observe);
  installParser();
  installValidatorShortcuts();
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
