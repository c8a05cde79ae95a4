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
 * 3. EXPOSE of a port with an IP address or an empty host port (`EXPOSE 127.0.0.1:80:80/tcp`, `:80`): BuildKit
 *    reads ports as `docker run -p` does (go-connections' ParsePortSpec) and accepts these, with the build check
 *    ExposeInvalidFormat (the rule DS118) as a warning. The validator's "invalid containerPort" error is dropped
 *    for a port that reading accepts.
 * 4. EXPOSE of a port written with a nested expansion (`${PORT:-${DEFAULT_PORT}}`): the validator expands one
 *    level and reads the rest up to the first `}`, so it saw `8080}`. BuildKit expands the whole word (see
 *    parse/wordExpansion.ts); a value the validator cannot expand is unknown, not invalid, so its error is dropped.
 * (The third known case, a Windows path ending in an escaped backslash read as a line continuation, is fixed
 * at parse time, see parse/continuation.ts, because it changes the tree itself.)
 */
import { ValidationCode } from 'dockerfile-utils';
import { isIP } from 'node:net';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { HIGHEST_PORT, portNumbers, splitPortSpec } from '../lint/portSpec';

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

/** A `${…}` whose word holds another reference. */
const NESTED_EXPANSION = /\$\{[A-Za-z_][A-Za-z0-9_]*:?[-+?][^}]*\$/;

/** The text a diagnostic's range covers, on a single line (the validator's ranges never span lines here). */
export type RangeText = (diagnostic: Diagnostic) => string;

/** Applies the corrections above; returns the diagnostics BuildKit agrees with. */
export function correctValidatorDiagnostics(diagnostics: Diagnostic[], rangeText: RangeText): Diagnostic[] {
  const corrected: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const code = diagnostic.code as ValidationCode | undefined;
    if (code === ValidationCode.INVALID_PORT) {
      const spec = rangeText(diagnostic).replace(/^"(.*)"$/, '$1');
      if (isPortSpec(spec) || NESTED_EXPANSION.test(spec)) {
        continue;
      }
    }
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

/** Whether BuildKit accepts `spec` as a port (see lint/portSpec.ts): a valid IP address if any, ports in 16 bits. */
export function isPortSpec(spec: string): boolean {
  const { ip, hostPort, containerPort } = splitPortSpec(spec);
  const address = ip.replace(/^\[(.*)\]$/, '$1');
  return (address === '' || isIP(address) !== 0) && fitsPortRange(containerPort) && (hostPort === '' || fitsPortRange(hostPort));
}

function fitsPortRange(text: string): boolean {
  return portNumbers(text)?.every((port) => port <= HIGHEST_PORT) ?? false;
}
