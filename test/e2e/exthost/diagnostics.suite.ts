import assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { activateDockside, eventually, workspaceFile } from './support';

/** Fixture files of test/e2e/fixtures/workspace and what the language server reports on them. */
const expectations = [
  {
    file: 'Dockerfile',
    diagnostics: [{ message: 'Unknown instruction: RUNN', range: [4, 0, 4, 4], severity: vscode.DiagnosticSeverity.Error }],
  },
];

suite('Dockerfile diagnostics through the language client', () => {
  for (const { file, diagnostics } of expectations) {
    test(`${file} gets ${diagnostics.length} diagnostic(s) with the exact message and range`, async () => {
      await activateDockside();
      const uri = workspaceFile(file);
      const document = await vscode.workspace.openTextDocument(uri);
      assert.equal(document.languageId, 'dockerfile');
      await vscode.window.showTextDocument(document);
      const reported = await eventually(`diagnostics on ${file}`, () => {
        const found = vscode.languages.getDiagnostics(uri);
        return found.length > 0 ? found : undefined;
      });
      assert.deepEqual(
        reported.map((diagnostic) => ({
          message: diagnostic.message,
          range: [diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.line, diagnostic.range.end.character],
          severity: diagnostic.severity,
        })),
        diagnostics,
      );
    });
  }
});
