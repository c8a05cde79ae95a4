// Fixture files are Dockerfiles with scope assertions on comment lines of their own, in the spirit of
// vscode-tmgrammar-test:
//
//   RUN echo hi
//   #   ^^^^ source.shell - keyword.control.instruction.dockerfile
//   # <--- keyword.control.instruction.dockerfile
//
// `^` marks columns of the nearest source line above; `<-` marks columns from 0 (one per `-` after `<`,
// since the `#` itself sits on column 0). Scopes before ` - ` must all be on every marked token; scopes
// after it (or a prefix of them) must not be. Assertion lines are removed before tokenizing, so they never
// disturb the text under test (a directive block, a heredoc body, a continuation).

export interface ScopeAssertion {
  /** 1-based line of the assertion in the fixture file, for messages. */
  fixtureLine: number;
  /** 0-based line in the source that is tokenized. */
  line: number;
  columns: number[];
  present: string[];
  absent: string[];
}

export interface Fixture {
  source: string;
  assertions: ScopeAssertion[];
}

const assertionLine = /^#(\s*)(\^+|<-+)\s+(.*)$/;

function parseScopes(text: string, fixtureLine: number): { present: string[]; absent: string[] } {
  const [present, absent = ''] = text.split(/(?:^|\s+)-\s+/, 2);
  const scopes = { present: present.split(/\s+/).filter(Boolean), absent: absent.split(/\s+/).filter(Boolean) };
  if (scopes.present.length + scopes.absent.length === 0) {
    throw new Error(`fixture line ${fixtureLine}: an assertion names no scope`);
  }
  return scopes;
}

export function parseFixture(text: string): Fixture {
  const source: string[] = [];
  const assertions: ScopeAssertion[] = [];
  text.split('\n').forEach((lineText, index) => {
    const match = assertionLine.exec(lineText);
    if (!match) {
      source.push(lineText);
      return;
    }
    const fixtureLine = index + 1;
    if (source.length === 0) {
      throw new Error(`fixture line ${fixtureLine}: an assertion has no source line above it`);
    }
    const [, gap, marker, scopes] = match;
    const columns = marker.startsWith('<')
      ? Array.from({ length: marker.length - 1 }, (_, column) => column)
      : Array.from({ length: marker.length }, (_, offset) => 1 + gap.length + offset);
    assertions.push({ fixtureLine, line: source.length - 1, columns, ...parseScopes(scopes, fixtureLine) });
  });
  return { source: source.join('\n'), assertions };
}
