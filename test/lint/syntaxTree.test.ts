/**
 * The syntax tree copied through web-tree-sitter's binding (server/dockerfile/lint/shell/syntaxTree.ts) is the tree its
 * public API shows: same types, offsets, nesting, and fields where the walker reads them. A web-tree-sitter
 * release that changes what the copy relies on fails here.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node } from 'web-tree-sitter';
import { bashParser } from '../../server/dockerfile/lint/shell/bashParser';
import { syntaxTree, type SyntaxNode } from '../../server/dockerfile/lint/shell/syntaxTree';
import '../support/shellParser';

const FIELDS_READ_UNDER = new Set(['command', 'unset_command', 'file_redirect', 'redirected_statement']);

/** The same shape as `SyntaxNode`, read through web-tree-sitter's Node objects. */
function publicTree(node: Node, field: string | null): SyntaxNode {
  const children: SyntaxNode[] = [];
  for (let index = 0; index < node.childCount; index++) {
    const childField = FIELDS_READ_UNDER.has(node.type) ? node.fieldNameForChild(index) : null;
    children.push(publicTree(node.child(index)!, childField));
  }
  return { type: node.type, named: node.isNamed, field, start: node.startIndex, end: node.endIndex, children };
}

const SCRIPTS = [
  'apt-get update && apt-get install -y --no-install-recommends curl=7.* \\\n  && rm -rf /var/lib/apt/lists/*',
  'set -eux; for f in a b "c d"; do echo "$f" >&2 "x"; done | tee /log 2>&1',
  'cd /src && ./configure --prefix="$(pwd)/out" && make -j"$(nproc)" || { echo failed; exit 1; }',
  "echo 'déjà vu — ünïcode 🐳' > /tmp/x && cat <<EOF | sh\necho inside \\$HOME\nEOF",
  'if [ -f /etc/os-release ]; then . /etc/os-release; fi; unset A B; x=$((1 + 2)) env -i ./run',
  '! { a; b; } 2>/dev/null; time -p make; (cd sub && make)',
];

function assertSameAsPublicApi(script: string): void {
  const tree = bashParser().parse(script)!;
  try {
    assert.deepEqual(syntaxTree(script), publicTree(tree.rootNode, null));
  } finally {
    tree.delete();
  }
}

for (const script of SCRIPTS) {
  test(`the copied tree equals the public API's: ${JSON.stringify(script.slice(0, 40))}`, () => assertSameAsPublicApi(script));
}

test('a script with a syntax error has no tree', () => {
  assert.equal(syntaxTree('if true; then echo'), undefined);
  assert.equal(syntaxTree('echo "unclosed'), undefined);
});

test('many copies in a row each match their own script (each gets a fresh cursor, freed after)', () => {
  for (let index = 0; index < 200; index++) {
    assertSameAsPublicApi(`echo ${index} | cat -n > /out/${'x'.repeat(index % 7)}${index}`);
  }
});
