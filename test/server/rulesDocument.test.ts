/** Links from a finding's code into the rules' documentation shipped with the server. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { RULES } from '../../server/dockerfile/lint';
import { localRuleLinks } from '../../server/dockerfile/project/rulesDocument';

test("every rule's link opens docs/rules.md at the rule's heading", () => {
  const link = localRuleLinks();
  assert.ok(link, 'the document is found from the sources');
  for (const rule of RULES) {
    const href: string | undefined = link(rule.code);
    assert.ok(href, `${rule.code} has a link`);
    const [file, line]: string[] = href.split('#L');
    const lines: string[] = fs.readFileSync(fileURLToPath(file), 'utf8').split('\n');
    assert.equal(lines[Number(line) - 1], `### ${rule.code}`, `${rule.code} lands on its heading`);
  }
  assert.equal(link('SC2086'), undefined, "ShellCheck's codes keep their own links");
});

test('without the document there are no local links', () => {
  const absent = path.join(os.tmpdir(), 'dockside-no-such-folder', 'rules.md');
  assert.equal(localRuleLinks([absent]), undefined);
});
