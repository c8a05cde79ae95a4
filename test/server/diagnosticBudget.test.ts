/**
 * The diagnostics cap applied while computing: a document with many more problems than are published keeps at most
 * a bounded number of diagnostics in memory, rules whose findings could not be shown are not run, and the publication
 * shows the same number of problems, errors first, with one diagnostic saying how many more were found.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { largeDockerfile } from '../../bench/largeDockerfile';
import { DiagnosticBudget, limitDiagnostics, MAX_PUBLISHED_DIAGNOSTICS } from '../../server/diagnosticLimit';
import { computeDiagnostics } from '../../server/dockerfile/diagnostics/compute';
import { ShellParseCache } from '../../server/dockerfile/lint';
import { ParsedDocument } from '../../server/dockerfile/parse/parsedDocument';
import { installParser } from '../../server/dockerfile/parse/parser';
import '../support/shellParser';

installParser();

const bySeverity = (diagnostics: Diagnostic[]) => {
  const counts = [0, 0, 0, 0];
  for (const diagnostic of diagnostics) {
    counts[(diagnostic.severity ?? DiagnosticSeverity.Error) - 1]++;
  }
  return counts;
};

test('a budget admits diagnostics of a severity until that many of it or a more severe one are found', () => {
  const budget = new DiagnosticBudget(3);
  assert.deepEqual(
    [DiagnosticSeverity.Warning, DiagnosticSeverity.Warning, DiagnosticSeverity.Hint, DiagnosticSeverity.Warning].map((severity) => budget.admit(severity)),
    [true, true, true, true],
  );
  // Three warnings: no room for a warning or anything milder, still room for errors (up to three).
  assert.equal(budget.hasRoom(DiagnosticSeverity.Information), false);
  assert.equal(budget.admit(DiagnosticSeverity.Warning), false);
  assert.deepEqual([1, 2, 3, 4].map(() => budget.admit(DiagnosticSeverity.Error)), [true, true, true, false]);
  assert.equal(budget.dropped, 2);
});

test('on a 1 MB document, the computation keeps a bounded number of diagnostics and the publication shows as many', () => {
  const text = largeDockerfile(1024 * 1024);
  const parsed = new ParsedDocument(TextDocument.create('file:///budget/Dockerfile', 'dockerfile', 1, text));
  const unbounded = computeDiagnostics(parsed, { settings: {}, shellParses: new ShellParseCache() });
  const budget = new DiagnosticBudget();
  const bounded = computeDiagnostics(parsed, { settings: {}, shellParses: new ShellParseCache(), budget });
  assert.ok(unbounded.length > 10 * MAX_PUBLISHED_DIAGNOSTICS, `${unbounded.length} diagnostics without a cap`);
  // At most the cap per severity (errors, warnings, information, hints).
  assert.ok(bounded.length <= 4 * MAX_PUBLISHED_DIAGNOSTICS, `${bounded.length} diagnostics kept under the cap`);
  assert.ok(budget.skipped || budget.dropped > 0);
  const shownWithout = limitDiagnostics(unbounded);
  const shownWith = limitDiagnostics(bounded, MAX_PUBLISHED_DIAGNOSTICS, budget);
  assert.equal(shownWith.length, MAX_PUBLISHED_DIAGNOSTICS + 1);
  // The same severities are shown: errors first, then warnings, then the rest.
  assert.deepEqual(bySeverity(shownWith.slice(0, -1)), bySeverity(shownWithout.slice(0, -1)));
  const message = shownWith.at(-1)!.message;
  assert.match(message, /^…and (at least )?[\d,]+ more problems in this file: only the first 1,000 are shown\.$/);
  const leftOut = Number(/and (?:at least )?([\d,]+) more/.exec(message)![1].replace(/,/g, ''));
  // Every problem counted was found; those of skipped rules were not counted.
  assert.ok(leftOut > 0 && leftOut <= unbounded.length - MAX_PUBLISHED_DIAGNOSTICS, `${leftOut} said left out of ${unbounded.length}`);
  if (!budget.skipped) {
    assert.equal(leftOut, unbounded.length - MAX_PUBLISHED_DIAGNOSTICS);
  }
});

test('under the cap, a budget changes nothing', () => {
  const text = 'FROM debian:12\nmaintainer me\nRUN apt-get install curl\nEXPOSE 99999\n';
  const parsed = new ParsedDocument(TextDocument.create('file:///budget/small/Dockerfile', 'dockerfile', 1, text));
  const budget = new DiagnosticBudget();
  const bounded = computeDiagnostics(parsed, { settings: {}, budget });
  assert.deepEqual(limitDiagnostics(bounded, MAX_PUBLISHED_DIAGNOSTICS, budget), computeDiagnostics(parsed, { settings: {} }));
  assert.ok(bounded.length > 0);
});
