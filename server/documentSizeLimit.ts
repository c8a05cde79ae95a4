/**
 * Documents longer than this are not analysed: no parse, no diagnostics but one saying so, no features. The
 * parse and diagnostics of a generated 20 MB file took 38 s and 3.6 GB at peak, during which every other request
 * waited. No real Dockerfile comes near (the longest of the corpus is ~40 KB; 50,000 generated lines are ~3 MB),
 * and the grammar still colours the text.
 */
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-protocol';

export const MAX_ANALYSED_CHARACTERS = 8 * 1024 * 1024;

export function isTooLarge(text: string): boolean {
  return text.length > MAX_ANALYSED_CHARACTERS;
}

function megabytes(length: number): string {
  return `${(length / (1024 * 1024)).toFixed(1)} MB`;
}

export function tooLargeDiagnostic(text: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: 'dockside',
    message: `This Dockerfile is ${megabytes(text.length)} long: Dockerfiles above ${megabytes(MAX_ANALYSED_CHARACTERS)} are not checked, and completion, hover and the other language features are off for it.`,
  };
}

/** In place of the diagnostics of a document whose analysis needed more memory than the server gives it. */
export function analysisFailedDiagnostic(text: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: 'dockside',
    message: `This Dockerfile (${megabytes(text.length)}) could not be checked: its analysis needed more memory than the language server gives it.`,
  };
}
