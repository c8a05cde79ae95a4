/**
 * Corrections to dockerfile-utils' validator where it disagrees with BuildKit, the reference: anything the
 * Docker builder accepts must not be an error. Each correction names the case and why.
 *
 * 1. Multi-source COPY/ADD whose destination does not end in a slash (`COPY a b .`): BuildKit accepts `.`,
 *    `..`, paths ending in `/.`, and any destination that turns out to be a directory in the image, which
 *    cannot be known statically. The validator's error is left to the rule DS121 copy-multiple-sources (see
 *    ruleOwnedChecks.ts): a warning, silent for `.`-like and variable destinations.
 * 2. Flags BuildKit knows but the validator does not (e.g. `COPY --parents`, `ADD --checksum`, `--exclude`):
 *    the "unknown flag" error is dropped for them.
 * (The third known case, a Windows path ending in an escaped backslash read as a line continuation, is fixed
 * at parse time, see parse/continuation.ts, because it changes the tree itself.)
 */
import { ValidationCode } from 'dockerfile-utils';
import type { Diagnostic } from 'vscode-languageserver-protocol';

/** Flags BuildKit's Dockerfile frontend (1.x labs included) accepts, per instruction. */
export const buildKitFlags: Record<string, readonly string[]> = {
  ADD: ['chown', 'chmod', 'link', 'checksum', 'keep-git-dir', 'exclude', 'parents', 'unpack'],
  COPY: ['from', 'chown', 'chmod', 'link', 'parents', 'exclude'],
  FROM: ['platform'],
  HEALTHCHECK: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
};

const unknownFlagCodes: Partial<Record<ValidationCode, string>> = {
  [ValidationCode.UNKNOWN_ADD_FLAG]: 'ADD',
  [ValidationCode.UNKNOWN_COPY_FLAG]: 'COPY',
  [ValidationCode.UNKNOWN_FROM_FLAG]: 'FROM',
  [ValidationCode.UNKNOWN_HEALTHCHECK_FLAG]: 'HEALTHCHECK',
};

/** The text a diagnostic's range covers, on a single line (the validator's ranges never span lines here). */
export type RangeText = (diagnostic: Diagnostic) => string;

/** Applies the corrections above; returns the diagnostics BuildKit agrees with. */
export function correctValidatorDiagnostics(diagnostics: Diagnostic[], rangeText: RangeText): Diagnostic[] {
  const corrected: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const code = diagnostic.code as ValidationCode | undefined;
    const keyword = code === undefined ? undefined : unknownFlagCodes[code];
    if (keyword) {
      const flag = rangeText(diagnostic).replace(/^--/, '').split('=')[0];
      if (buildKitFlags[keyword].includes(flag)) {
        continue;
      }
    }
    corrected.push(diagnostic);
  }
  return corrected;
}
