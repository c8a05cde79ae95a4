// Source of syntaxes/dockerfile.tmLanguage.json. Regular expressions read better here than in JSON;
// `npm run build:grammar` writes the JSON, and a grammar test fails when the JSON is out of date.
// syntaxes/README.md explains the design (continuations, the escape directive, heredocs, embedded shell)
// and lists the scopes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const r = String.raw;

/** A pattern that never matches: the end of regions that only a `while` rule above them may close. */
const never = r`(?!)`;

/** Where an instruction keyword may start: at the start of a line, or right after `ONBUILD `. */
const instructionStart = r`(?:^|(?<=(?i:onbuild)[ \t]))[ \t]*`;

/** A heredoc marker as BuildKit reads it: a word of its own, `<<` or `<<-`, a name, optionally quoted. */
const heredocMarker = (quoteGroup) => r`\d*<<-?(["']?)[^\s"'<>|&;]+` + '\\' + quoteGroup;

const keyword = (words) => r`(?i:${words.join('|')})(?=[ \t]|$)`;

const instructionCapture = { 1: { name: 'keyword.control.instruction.dockerfile' } };

/**
 * Every instruction but the heredoc forms is a begin/while region whose `while` is `\G`: vscode-textmate
 * allows `\G` at the start of a line only when the frame on top of the stack was pushed by a match that
 * ran to the end of the previous line. Only `#continuation` does that (it consumes the escape character
 * and the newline), so the region goes on exactly while lines are continued, and a failing `while` pops
 * every frame above it, embedded shell included: nothing can leak into the next instruction.
 */
function instruction(name, words, patterns) {
  return {
    name: `meta.instruction.${name}.dockerfile`,
    begin: instructionStart + `(${keyword(words)})`,
    beginCaptures: instructionCapture,
    while: r`\G`,
    // The continuation comes from the injections, which pick the escape character of the file.
    patterns,
  };
}

/** The escape character ends a line: the region goes on on the next line; comment and blank lines in between are skipped as BuildKit does. */
function continuation(escape) {
  return {
    begin: r`(${escape})[ \t]*\n`,
    beginCaptures: { 1: { name: 'constant.character.escape.line-continuation.dockerfile' } },
    // The end takes the indentation of the next line: some shell rules hold a bare `^` that would match,
    // empty, at column 0 and stop the line.
    end: r`^[ \t]*(?![ \t]*(?:#|$))`,
    patterns: [
      {
        match: r`^[ \t]*((#).*)\n`,
        captures: {
          1: { name: 'comment.line.number-sign.dockerfile' },
          2: { name: 'punctuation.definition.comment.dockerfile' },
        },
      },
      { match: r`^[ \t]*\n` },
    ],
  };
}

const escapeSequence = (escape) => ({ match: `${escape}[^\\s]`, name: 'constant.character.escape.dockerfile' });

/**
 * The first command of a shell form. The shell grammar opens a statement only at the start of a line or
 * after an operator (a look-behind), so it would not know `go` in `RUN go build` for a command name.
 * This rule opens that statement at the start of the shell form, the way the shell grammar's own
 * `normal_statement` does, and it ends where that rule ends. Shell keywords such as `if` and `for`, groups
 * and tests (`{`, `(`, `[`) are left to the shell grammar.
 */
const shellKeywords = r`(?:if|then|else|elif|fi|for|while|until|do|done|case|esac|function|select|time|coproc|in|repeat|foreach|end|nocorrect|logout|pushd|popd)(?:\W|$)`;
// Not at a character that would end the statement at once (`{`, `(`, `#`…): an empty region stops the line.
const statementStart = r`(?![\s&);\x60{|}#\]\[(!<>])(?!${shellKeywords})`;

const firstShellStatement = {
  name: 'meta.statement.shell',
  begin: r`\G` + statementStart,
  end: r`(?=[\n&);\x60{|}]|[\t ]*#|])(?<!\\)`,
  patterns: [{ include: 'source.shell#typical_statements' }],
};

/** The shell form: everything from here to the end of the instruction is a shell script. */
const shellForm = {
  name: 'meta.embedded.shell.dockerfile',
  contentName: 'source.shell',
  begin: r`(?=[^\s])`,
  end: never,
  patterns: [firstShellStatement, { include: 'source.shell' }],
};

const execForm = {
  name: 'meta.exec-form.dockerfile',
  begin: r`\[(?=[ \t]*(?:"|\]))`,
  beginCaptures: { 0: { name: 'punctuation.definition.array.begin.dockerfile' } },
  end: r`\]`,
  endCaptures: { 0: { name: 'punctuation.definition.array.end.dockerfile' } },
  patterns: [
    {
      name: 'string.quoted.double.dockerfile',
      begin: '"',
      beginCaptures: { 0: { name: 'punctuation.definition.string.begin.dockerfile' } },
      end: '"',
      endCaptures: { 0: { name: 'punctuation.definition.string.end.dockerfile' } },
      patterns: [{ match: r`\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})`, name: 'constant.character.escape.dockerfile' }],
    },
    { match: ',', name: 'punctuation.separator.array.dockerfile' },
  ],
};

const variable = {
  patterns: [
    {
      name: 'meta.variable.dockerfile',
      begin: r`(\$\{)([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?])|(##?|%%?|//?))?`,
      beginCaptures: {
        1: { name: 'punctuation.definition.variable.begin.dockerfile' },
        2: { name: 'variable.other.readwrite.dockerfile' },
        3: { name: 'keyword.operator.expansion.dockerfile' },
        4: { name: 'keyword.operator.expansion.dockerfile' },
      },
      end: r`\}|(?=\n)`,
      endCaptures: { 0: { name: 'punctuation.definition.variable.end.dockerfile' } },
      patterns: [{ include: '#variable' }, { match: r`[^}$\n]+`, name: 'string.unquoted.default.dockerfile' }],
    },
    {
      match: r`(\$)([A-Za-z_][A-Za-z0-9_]*)`,
      captures: {
        1: { name: 'punctuation.definition.variable.dockerfile' },
        2: { name: 'variable.other.readwrite.dockerfile' },
      },
    },
  ],
};

const strings = {
  patterns: [
    {
      name: 'string.quoted.double.dockerfile',
      begin: '"',
      beginCaptures: { 0: { name: 'punctuation.definition.string.begin.dockerfile' } },
      end: '"',
      endCaptures: { 0: { name: 'punctuation.definition.string.end.dockerfile' } },
      patterns: [{ include: '#variable' }],
    },
    {
      name: 'string.quoted.single.dockerfile',
      begin: "'",
      beginCaptures: { 0: { name: 'punctuation.definition.string.begin.dockerfile' } },
      end: "'",
      endCaptures: { 0: { name: 'punctuation.definition.string.end.dockerfile' } },
    },
  ],
};

const argument = { patterns: [{ include: '#strings' }, { include: '#variable' }] };

/** `--name` or `--name=value`; a value may be a list of key=value pairs (`--mount=type=cache,target=/x`). */
const flag = {
  patterns: [
    {
      match: r`(?<=^|[ \t])(--)(from)(=)((?:"[^"]*"|[^\s"])+)`,
      captures: {
        1: { name: 'punctuation.definition.flag.dockerfile' },
        2: { name: 'variable.parameter.flag.dockerfile' },
        3: { name: 'keyword.operator.assignment.dockerfile' },
        4: { name: 'entity.name.namespace.stage.dockerfile', patterns: [{ include: '#variable' }] },
      },
    },
    {
      match: r`(?<=^|[ \t])(--)([A-Za-z][A-Za-z0-9-]*)(?:(=)((?:"[^"]*"|[^\s"])*))?`,
      captures: {
        1: { name: 'punctuation.definition.flag.dockerfile' },
        2: { name: 'variable.parameter.flag.dockerfile' },
        3: { name: 'keyword.operator.assignment.dockerfile' },
        4: { name: 'string.unquoted.flag-value.dockerfile', patterns: [{ include: '#flag-value' }] },
      },
    },
  ],
};

const flagValue = {
  patterns: [
    { include: '#variable' },
    {
      match: r`(?<=^|[,=])([A-Za-z][A-Za-z0-9_-]*)(=)`,
      captures: {
        1: { name: 'variable.other.property.dockerfile' },
        2: { name: 'keyword.operator.assignment.dockerfile' },
      },
    },
    { match: ',', name: 'punctuation.separator.dockerfile' },
  ],
};

/** `key=value` pairs of ENV, ARG and LABEL; keys may be quoted. */
const keyValue = {
  patterns: [
    {
      match: r`(?<=^|[ \t])((?:"[^"\n]*"|'[^'\n]*'|[^\s="'$\\\x60]+))(=)`,
      captures: {
        1: { name: 'variable.other.property.dockerfile' },
        2: { name: 'keyword.operator.assignment.dockerfile' },
      },
    },
    { include: '#argument' },
  ],
};

/** `ENV NAME value with spaces`, `LABEL name "value"`: the old form, recognised when the first word holds no `=`. */
const legacyKey = {
  match: r`\G[ \t]+([^\s="'$]+)(?=[ \t]+[^\s])`,
  captures: { 1: { name: 'variable.other.property.dockerfile' } },
};

/** `ARG NAME`: a declaration without a default. */
const argName = {
  match: r`(?<=^|[ \t])([A-Za-z_][A-Za-z0-9_]*)(?=[ \t]|$)`,
  captures: { 1: { name: 'variable.other.property.dockerfile' } },
};

const fromImage = {
  patterns: [
    { include: '#flag' },
    {
      match: r`(?<=[ \t])((?i:as))[ \t]+([^\s]+)`,
      captures: {
        1: { name: 'keyword.control.as.dockerfile' },
        2: { name: 'entity.name.namespace.stage.dockerfile' },
      },
    },
    {
      match: r`(?<=[ \t])(?!-)((?:\$\{[^}\s]*\}|\$\w+|[^\s:@$])+)(?:(:)((?:\$\{[^}\s]*\}|\$\w+|[^\s@$])+))?(?:(@)([^\s]+))?`,
      captures: {
        1: { name: 'entity.name.type.class.image.dockerfile', patterns: [{ include: '#variable' }] },
        2: { name: 'punctuation.separator.tag.dockerfile' },
        3: { name: 'constant.other.tag.dockerfile', patterns: [{ include: '#variable' }] },
        4: { name: 'punctuation.separator.digest.dockerfile' },
        5: { name: 'constant.other.digest.dockerfile' },
      },
    },
  ],
};

const port = {
  match: r`(?<=^|[ \t])(\d+(?:-\d+)?)(?:(/)((?i:tcp|udp|sctp)))?(?=[ \t]|$)`,
  captures: {
    1: { name: 'constant.numeric.port.dockerfile' },
    2: { name: 'punctuation.separator.protocol.dockerfile' },
    3: { name: 'constant.language.protocol.dockerfile' },
  },
};

// Heredocs. RUN, COPY and ADD with a marker on their first line are begin/end regions (a heredoc body
// is not a continuation, so the `\G` while cannot carry them). Each body is a begin/while region whose
// `while` refuses the delimiter line (a back-reference to the marker's name), so a failing `while`
// closes the body and everything embedded in it; the instruction's own `end` then takes the delimiter
// line, or failing that ends at once.
const heredocDelimiterEnd = {
  end: r`^[ \t]*([^\s]+)[ \t]*$|^`,
  endCaptures: { 1: { name: 'keyword.control.heredoc-token.dockerfile' } },
};

const markerCaptures = (first) => ({
  [first]: { name: 'keyword.operator.heredoc.dockerfile' },
  [first + 1]: { name: 'punctuation.definition.string.begin.dockerfile' },
  [first + 2]: { name: 'keyword.control.heredoc-token.dockerfile' },
  [first + 3]: { name: 'punctuation.definition.string.end.dockerfile' },
});

const heredocMarkerMatch = {
  match: r`(?<=^|[ \t])(\d*<<-?)(["']?)([^\s"'<>|&;]+)(\2)`,
  captures: markerCaptures(1),
};

/** The rest of the marker line is tokenized on its own (a capture), so nothing in it can run on into the body. */
function heredocBody(contentName, bodyPatterns, rest) {
  return {
    name: 'meta.heredoc.dockerfile',
    begin: r`[ \t]+(\d*<<-?)(["']?)([^\s"'<>|&;]+)(\2)(.*)`,
    beginCaptures: { ...markerCaptures(1), 5: rest },
    while: r`^(?![ \t]*\3[ \t]*$)`,
    contentName,
    patterns: bodyPatterns,
  };
}

/** Two or more heredocs on one line: the outer region lasts to the last delimiter, the first body nests inside it. */
function heredocs(contentName, bodyPatterns, rest) {
  const first = heredocBody(contentName, bodyPatterns, rest);
  return {
    patterns: [
      {
        begin: r`(?=[ \t]+\d*<<-?(["']?)[^\s"'<>|&;]+\1.*[ \t]\d*<<-?(["']?)([^\s"'<>|&;]+)\2)`,
        while: r`^(?![ \t]*\3[ \t]*$)`,
        patterns: [
          first,
          {
            name: 'meta.heredoc.dockerfile',
            begin: r`^[ \t]*([^\s]+)[ \t]*$`,
            beginCaptures: { 1: { name: 'keyword.control.heredoc-token.dockerfile' } },
            end: never,
            contentName,
            patterns: bodyPatterns,
          },
        ],
      },
      first,
    ],
  };
}

const flagsCapture = { patterns: [{ include: '#flag' }] };
// Possessive quantifiers: flags end at whitespace, so giving characters back can never help a match, and
// backtracking into a long flag would make a failing match quadratic in the length of the line.
const leadingFlags = r`((?:[ \t]+--[^\s=]++(?:=(?:"[^"]*+"|[^\s"])*+)?)*+)`;
const shellCommand = r`((?:[ \t]+(?:/usr)?(?:/bin/)?(?:ba|da|a|z|k)?sh(?:[ \t]+-[A-Za-z-]++)*+)?)`;
const stringBody = 'string.unquoted.heredoc.dockerfile';
/** Shell text on the marker line; further markers on it are Dockerfile heredocs (an injection), not shell ones. */
// A capture is tokenized without an anchor, so its first statement starts after a blank instead of at `\G`.
const shellCapture = {
  name: 'meta.embedded.shell.dockerfile source.shell',
  patterns: [{ ...firstShellStatement, begin: r`(?<=[ \t])` + statementStart }, { include: 'source.shell' }],
};
const shellBody = 'source.shell';

/** `RUN <<EOF` alone (or `RUN bash <<EOF`): the body is the script. */
const runHeredocScript = {
  name: 'meta.instruction.run.dockerfile',
  begin: instructionStart + r`((?i:RUN))` + leadingFlags + shellCommand + r`(?=[ \t]+${heredocMarker('4')}[ \t]*$)`,
  beginCaptures: { ...instructionCapture, 2: flagsCapture, 3: shellCapture },
  ...heredocDelimiterEnd,
  patterns: [
    {
      ...heredocBody(shellBody, [{ include: 'source.shell' }], {}),
      name: 'meta.heredoc.dockerfile meta.embedded.shell.dockerfile',
    },
  ],
};

/** `RUN cat <<EOF > file`: the body is data handed to a command. */
const runHeredocData = {
  name: 'meta.instruction.run.dockerfile',
  begin: instructionStart + r`((?i:RUN))` + leadingFlags + r`(.*?)(?=[ \t]+${heredocMarker('4')})`,
  beginCaptures: { ...instructionCapture, 2: flagsCapture, 3: shellCapture },
  ...heredocDelimiterEnd,
  patterns: [heredocs(stringBody, [], shellCapture)],
};

const copyHeredoc = {
  name: 'meta.instruction.copy.dockerfile',
  begin: instructionStart + r`((?i:COPY|ADD))` + leadingFlags + r`(?=[ \t]+${heredocMarker('3')})`,
  beginCaptures: { ...instructionCapture, 2: flagsCapture },
  ...heredocDelimiterEnd,
  patterns: [heredocs(stringBody, [], { patterns: [heredocMarkerMatch, { include: '#argument' }] })],
};

/** Instructions whose command may be a shell script or an exec-form array. */
const commandPatterns = [{ include: '#exec-form' }, { include: '#shell-form' }];

const healthcheckCmd = {
  begin: r`(?<=^|[ \t])((?i:CMD))(?=[ \t]|$)`,
  beginCaptures: { 1: { name: 'keyword.control.instruction.dockerfile' } },
  end: never,
  patterns: commandPatterns,
};

const instructions = [
  runHeredocScript,
  runHeredocData,
  copyHeredoc,
  instruction('from', ['FROM'], [{ include: '#from-image' }]),
  instruction('run', ['RUN'], [{ include: '#flag' }, ...commandPatterns]),
  instruction('cmd', ['CMD', 'ENTRYPOINT'], commandPatterns),
  instruction('shell', ['SHELL'], [{ include: '#exec-form' }]),
  instruction('healthcheck', ['HEALTHCHECK'], [
    { include: '#flag' },
    { match: r`(?<=[ \t])(?i:NONE)(?=[ \t]|$)`, name: 'constant.language.none.dockerfile' },
    healthcheckCmd,
  ]),
  instruction('env', ['ENV'], [legacyKey, { include: '#key-value' }]),
  instruction('label', ['LABEL'], [legacyKey, { include: '#key-value' }]),
  instruction('arg', ['ARG'], [{ include: '#key-value' }, argName]),
  instruction('copy', ['COPY', 'ADD'], [{ include: '#flag' }, { include: '#exec-form' }, { include: '#argument' }]),
  instruction('expose', ['EXPOSE'], [port, { include: '#argument' }]),
  instruction('other', ['USER', 'WORKDIR', 'VOLUME', 'STOPSIGNAL', 'MAINTAINER'], [{ include: '#exec-form' }, { include: '#argument' }]),
  {
    name: 'meta.instruction.onbuild.dockerfile',
    begin: r`^[ \t]*((?i:ONBUILD))(?=[ \t]|$)`,
    beginCaptures: instructionCapture,
    end: r`(?=\n)|^`,
    patterns: [{ include: '#instruction' }],
  },
];

const directiveNames = r`(?i:syntax|escape|check)`;
const directiveLine = r`[ \t]*#[ \t]*${directiveNames}[ \t]*=`;

const directive = {
  name: 'meta.directive.dockerfile',
  match: r`^[ \t]*(#)[ \t]*(${directiveNames})[ \t]*(=)[ \t]*(.*?)[ \t]*$`,
  captures: {
    1: { name: 'punctuation.definition.directive.dockerfile' },
    2: { name: 'keyword.other.directive.dockerfile' },
    3: { name: 'keyword.operator.assignment.dockerfile' },
    4: { name: 'string.unquoted.directive.dockerfile' },
  },
};

const directivesAfter = {
  begin: r`\G`,
  end: r`^(?!${directiveLine})`,
  patterns: [directive],
};

/**
 * `# escape=`` ` in the directive block switches the rest of the file to the backtick escape. A grammar
 * cannot look back at the first lines, so this directive opens a region that never ends; inside it the
 * backtick injections (continuation, escapes) apply instead of the backslash ones.
 */
const escapeBacktick = {
  name: 'meta.escape.backtick.dockerfile',
  begin: r`^[ \t]*(#)[ \t]*((?i:escape))[ \t]*(=)[ \t]*(\x60)[ \t]*$`,
  beginCaptures: directive.captures,
  end: never,
  patterns: [directivesAfter, { include: '#body' }],
};

/** Parser directives count only in the block of comments that opens the file. */
const directives = {
  begin: r`\A(?=${directiveLine})`,
  end: r`^(?!${directiveLine})`,
  patterns: [escapeBacktick, directive],
};

const comment = {
  match: r`^[ \t]*((#).*)$`,
  captures: {
    1: { name: 'comment.line.number-sign.dockerfile' },
    2: { name: 'punctuation.definition.comment.dockerfile' },
  },
};

// Injection selectors match scope prefixes: `meta.instruction` covers `meta.instruction.run.dockerfile`.
const backslashMode = 'meta.instruction - meta.escape.backtick - meta.heredoc';
const backtickMode = 'meta.escape.backtick meta.instruction - meta.heredoc';
const outsideEmbedded = '- source.shell - meta.exec-form - string.quoted.single';

export function buildGrammar() {
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'Dockerfile',
    scopeName: 'source.dockerfile',
    patterns: [{ include: '#directives' }, { include: '#body' }],
    injections: {
      [`L:${backslashMode}`]: { patterns: [{ include: '#continuation' }] },
      [`L:${backtickMode}`]: { patterns: [{ include: '#continuation-backtick' }] },
      [`L:${backslashMode} ${outsideEmbedded}`]: { patterns: [escapeSequence(r`\\`)] },
      [`L:${backtickMode} ${outsideEmbedded}`]: { patterns: [escapeSequence('`')] },
      'L:meta.instruction.run meta.heredoc source.shell - string.unquoted.heredoc': { patterns: [heredocMarkerMatch] },
    },
    repository: {
      directives,
      body: { patterns: [comment, { include: '#instruction' }] },
      instruction: { patterns: instructions },
      continuation: continuation(r`\\`),
      'continuation-backtick': continuation('`'),
      'exec-form': execForm,
      'shell-form': shellForm,
      variable,
      strings,
      argument,
      flag,
      'flag-value': flagValue,
      'key-value': keyValue,
      'from-image': fromImage,
    },
  };
}

export const grammarPath = fileURLToPath(new URL('../dockerfile.tmLanguage.json', import.meta.url));

export function grammarJson() {
  return JSON.stringify(buildGrammar(), null, 2) + '\n';
}

// `node dockerfile.grammar.mjs` writes the JSON; with `--check` it only says whether the JSON is current.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const relative = path.relative(process.cwd(), grammarPath);
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(grammarPath) && fs.readFileSync(grammarPath, 'utf8') === grammarJson();
    console.log(current ? `${relative} is up to date` : `${relative} is out of date: run npm run build:grammar`);
    process.exit(current ? 0 : 1);
  }
  fs.writeFileSync(grammarPath, grammarJson());
  console.log(`wrote ${relative}`);
}
