/**
 * Links to the rules' documentation shipped with the server: `docs/rules.md` beside `dist/` (the .vsix and the
 * npm package carry it), at the line of the rule's heading (`file:///…/docs/rules.md#L171`), which editors open in
 * place. The project has no public address for the page yet, so a link there would not open.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where the document is from the bundle (`dist/server.js`) and from the sources (`server/dockerfile/project/`, tests). */
const CANDIDATES = [path.join(__dirname, '..', 'docs', 'rules.md'), path.join(__dirname, '..', '..', '..', 'docs', 'rules.md')];

/** A rule code's link, or undefined for a code the document has no heading for. */
export type RuleLink = (code: string) => string | undefined;

/** Undefined when the document is not there (a server run from elsewhere keeps the findings' own links). */
export function localRuleLinks(candidates: readonly string[] = CANDIDATES): RuleLink | undefined {
  for (const file of candidates) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const url = pathToFileURL(file).href;
    const links = new Map<string, string>();
    text.split('\n').forEach((line, index) => {
      const heading = /^### (DS\d+)\s*$/.exec(line);
      if (heading) {
        links.set(heading[1], `${url}#L${index + 1}`);
      }
    });
    return (code) => links.get(code);
  }
  return undefined;
}
