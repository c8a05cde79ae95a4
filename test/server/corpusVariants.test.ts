/**
 * The corpus test on variants generated from the corpus files (see test/support/corpusVariants.ts): ARG
 * redefinitions, nested expansions, Windows paths with the backtick escape. The builder reads each variant as the
 * original, so each gets no error either; the variants are checked to be of the kind they claim.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { VARIANT_KINDS, variantOf } from '../support/corpusVariants';
import { startServer, TestClient } from './harness';
import { dockerfileCorpus } from './corpusFiles';

const { folder: corpus, files, skip } = dockerfileCorpus();

let client: TestClient;
before(async () => (client = await startServer({ settings: { 'dockside.dockerfile': { shellcheck: { enabled: false } } } })));
after(() => client.dispose());

describe('generated corpus variants get no error', () => {
  for (const kind of VARIANT_KINDS) {
    test(kind, { skip }, async () => {
      const errors: string[] = [];
      let count = 0;
      for (const name of files) {
        const variant = variantOf(fs.readFileSync(path.join(corpus, name), 'utf8'), kind);
        if (variant === undefined) {
          continue;
        }
        count++;
        const diagnostics = await client.open(`file:///variants/${kind}/${name}`, variant);
        await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: `file:///variants/${kind}/${name}` } });
        for (const diagnostic of diagnostics) {
          if (diagnostic.severity === DiagnosticSeverity.Error) {
            errors.push(`${name}:${diagnostic.range.start.line + 1}: ${String(diagnostic.code)} ${diagnostic.message}`);
          }
        }
      }
      // Enough files of each kind that the kind is exercised, not a handful.
      assert.ok(count >= 50, `${kind}: only ${count} variants`);
      assert.deepEqual(errors, []);
    });
  }
});

test('the variants are what they say', () => {
  const text = '# syntax=docker/dockerfile:1\nARG VERSION=3.20\nFROM alpine:${VERSION} AS base\nRUN apk add \\\n  curl\nCOPY a /a\n';
  assert.equal(
    variantOf(text, 'arg-redefinitions'),
    '# syntax=docker/dockerfile:1\nARG VERSION=3.20\nARG VERSION=${VERSION:+"3.20"}\nARG VERSION=${VERSION:-"3.20"}\nFROM alpine:${VERSION} AS base\nARG VERSION\nRUN apk add \\\n  curl\nCOPY a /a\n',
  );
  assert.equal(variantOf(text, 'nested-expansions'), text.replace('${VERSION}', '${VERSION:-${VERSION}}'));
  assert.equal(
    variantOf(text, 'windows-paths'),
    '# syntax=docker/dockerfile:1\n# escape=`\nARG VERSION=3.20\nFROM alpine:${VERSION} AS base\nWORKDIR C:\\dockside\\app\\\nENV DOCKSIDE_HOME=C:\\dockside\\ DOCKSIDE_TOOLS="C:\\Program Files\\dockside\\bin"\nCOPY . C:\\dockside\\app\\\nRUN apk add `\n  curl\nCOPY a /a\n',
  );
});
