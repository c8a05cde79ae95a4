/** Output formats of `dockside-lint`: text, JSON and SARIF 2.1.0. */
import { RULES } from '../registry';
import { ruleDocumentation } from '../docs';
import { SYNTAX_CHECK } from '../syntaxCheck';
import type { Finding, FindingSeverity } from '../types';
import { showControlCharacters } from '../../text/controlCharacters';

export interface FileFindings {
  /** The path as given on the command line (`-` for standard input). */
  path: string;
  findings: Finding[];
}

/**
 * One line per finding. A message quotes the Dockerfile and a path is whatever was given: their control characters
 * are shown as escapes, so a Dockerfile cannot drive the terminal that shows the report (title, screen, cursor).
 */
export function formatText(files: FileFindings[]): string {
  return files
    .flatMap(({ path, findings }) =>
      findings.map((finding) => `${path}:${finding.range.start.line + 1}:${finding.range.start.character + 1} ${finding.severity} ${finding.code} ${finding.message}`),
    )
    .map((line) => `${showControlCharacters(line)}\n`)
    .join('');
}

/**
 * JSON text that is safe on a terminal too: `JSON.stringify` escapes C0 controls but leaves C1 controls (an 8-bit
 * CSI is U+009B) and bidirectional overrides raw; here they are `\uXXXX` escapes, the same JSON to a parser.
 */
function terminalSafeJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}

/** `ruleLink` gives a rule code's documentation link (see project/rulesDocument.ts); other findings keep their own. */
export function formatJson(files: FileFindings[], ruleLink?: (code: string) => string | undefined): string {
  const items = files.flatMap(({ path, findings }) =>
    findings.map((finding) => ({
      file: path,
      line: finding.range.start.line + 1,
      column: finding.range.start.character + 1,
      endLine: finding.range.end.line + 1,
      endColumn: finding.range.end.character + 1,
      code: finding.code,
      name: finding.name,
      severity: finding.severity,
      message: finding.message,
      source: finding.source ?? 'dockside',
      href: ruleLink?.(finding.code) ?? finding.href,
    })),
  );
  return terminalSafeJson(items);
}

const SARIF_LEVEL: Record<FindingSeverity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', style: 'note' };

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: 'error' | 'warning' | 'note' | 'none' };
}

export function formatSarif(files: FileFindings[], toolVersion: string): string {
  const syntax: SarifRule = {
    id: SYNTAX_CHECK.code,
    name: SYNTAX_CHECK.name,
    shortDescription: { text: SYNTAX_CHECK.title },
    fullDescription: { text: SYNTAX_CHECK.description },
    help: { text: SYNTAX_CHECK.description, markdown: ruleDocumentation(SYNTAX_CHECK.code) ?? SYNTAX_CHECK.description },
    defaultConfiguration: { level: 'error' },
  };
  const rules = [syntax, ...RULES.map((rule): SarifRule => ({
    id: rule.code,
    name: rule.name,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    // The rule's documentation itself, which code-scanning pages show with each alert. No helpUri: the project has no
    // public page for it, and a file link would point into the machine that ran the linter.
    help: { text: rule.description, markdown: ruleDocumentation(rule.code) ?? rule.description },
    defaultConfiguration: { level: rule.enabledByDefault === false ? 'none' : SARIF_LEVEL[rule.severity] },
  }))];
  const ruleIndex = new Map<string, number>(rules.map((rule, index) => [rule.id, index]));
  // ShellCheck's codes that occur, each with its wiki page, so code-scanning pages link every alert to its documentation.
  const shellcheckRules = new Map<string, string>();
  for (const finding of files.flatMap((file) => file.findings)) {
    if (finding.source === 'shellcheck' && finding.href && !ruleIndex.has(finding.code)) {
      shellcheckRules.set(finding.code, finding.href);
    }
  }
  for (const [code, href] of [...shellcheckRules].sort(([a], [b]) => (a < b ? -1 : 1))) {
    ruleIndex.set(code, rules.length);
    rules.push({
      id: code,
      name: code,
      shortDescription: { text: `ShellCheck ${code}` },
      fullDescription: { text: `ShellCheck's check ${code} on the script of a RUN instruction.` },
      help: { text: `See ${href}`, markdown: ruleDocumentation(code) ?? `See ${href}` },
      helpUri: href,
      defaultConfiguration: { level: 'warning' },
    });
  }
  const results = files.flatMap(({ path, findings }) =>
    findings.map((finding) => ({
      ruleId: finding.code,
      ...(ruleIndex.has(finding.code) ? { ruleIndex: ruleIndex.get(finding.code) } : {}),
      level: SARIF_LEVEL[finding.severity],
      message: { text: finding.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: path === '-' ? 'stdin' : encodeURI(path.split('\\').join('/')) },
            region: {
              startLine: finding.range.start.line + 1,
              startColumn: finding.range.start.character + 1,
              endLine: finding.range.end.line + 1,
              endColumn: finding.range.end.character + 1,
            },
          },
        },
      ],
    })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'dockside-lint', version: toolVersion, rules } }, results }],
  };
  return terminalSafeJson(log);
}
